package dev.periscope.base;

/** The body of every API error: a stable code and a message fit for the user. Never a stack trace. */
public record ApiError(String error, String message) {
}

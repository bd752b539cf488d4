package dev.periscope.logs;

/**
 * A read that goes on (a live tail, further pages of a result) was stopped because the reader's access is no longer
 * what it was when the read started: a grant ended, was revoked or began. Nothing more is read under the old access.
 */
public class LogAccessChangedException extends LogAccessDeniedException {
    public LogAccessChangedException() {
        super("Your access to logs has changed since this started (an access grant ended, was revoked or began)."
                + " Search again to see what your access shows now.");
    }
}

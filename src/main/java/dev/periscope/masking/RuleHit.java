package dev.periscope.masking;

/** That a rule fired, and how often: never the value it matched. */
public record RuleHit(String ruleId, String category, int count) {
}

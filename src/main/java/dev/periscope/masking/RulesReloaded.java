package dev.periscope.masking;

import java.util.Optional;

/**
 * Published after every attempt to reload the masking rules (a file in the rules directory changed), for the
 * audit trail: a change to what is masked is a configuration change auditors must see.
 *
 * @param directory where the rules were read from
 * @param rules how many rules are in force after the attempt
 * @param refusedBecause why the new files were refused (the previous rule set then stays in force)
 */
public record RulesReloaded(String directory, int rules, Optional<String> refusedBecause) {
}

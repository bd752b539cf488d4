package dev.periscope.access.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.access.AccessScope;
import dev.periscope.access.Grant;
import dev.periscope.access.GrantKind;
import dev.periscope.access.ServiceFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Access page's summary tells the user what they may read and, above all, what they now see unmasked. */
class AccessSummaryTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private static AccessScope scope(Set<String> exempt, List<Grant> grants) {
        return new AccessScope("dev", List.of(ServiceFilter.only("orders")), List.of(), List.of(), Duration.ofDays(7),
                false, exempt, Map.of(), Set.of(), grants);
    }

    private static AccessScope reading(ServiceFilter... filters) {
        return new AccessScope("dev", List.of(filters), List.of(), List.of(), Duration.ofDays(7), false, Set.of(),
                Map.of(), Set.of(), List.of());
    }

    private static Grant grant(GrantKind kind, Set<String> categories, Set<String> tokens) {
        return new Grant("r1", "dev", kind, List.of("payments"), categories, tokens, NOW.minusSeconds(600),
                NOW.plus(Duration.ofMinutes(50)), false);
    }

    @Test
    void says_everything_confidential_is_masked_only_when_nothing_is_unmasked() {
        assertThat(AccessView.describe(scope(Set.of(), List.of()), NOW))
                .isEqualTo("You can read: orders. Up to 7 days per query; everything confidential is masked.");
    }

    @Test
    void a_service_granted_on_top_of_all_services_is_not_named_again() {
        // On-call reads every service; breaking glass on payments adds a filter for payments alone.
        AccessScope brokeGlass = reading(new ServiceFilter(List.of("*"), List.of()), ServiceFilter.only("payments"));

        assertThat(AccessView.describe(brokeGlass, NOW)).startsWith("You can read: all services. ");
    }

    @Test
    void a_service_granted_back_from_an_exclusion_is_no_longer_excepted() {
        AccessScope granted = reading(new ServiceFilter(List.of("*"), List.of("payments")),
                ServiceFilter.only("payments"));

        assertThat(AccessView.describe(granted, NOW)).startsWith("You can read: all services. ");
        assertThat(AccessView.describe(reading(new ServiceFilter(List.of("*"), List.of("payments"))), NOW))
                .startsWith("You can read: all services except payments. ");
    }

    @Test
    void services_granted_by_role_and_grant_are_listed_once_each() {
        AccessScope both = reading(ServiceFilter.only("orders", "checkout"), ServiceFilter.only("orders", "payments"));

        assertThat(AccessView.describe(both, NOW)).startsWith("You can read: orders, checkout, payments. ");
    }

    @Test
    void states_the_longest_query_as_durations_read_everywhere_else() {
        AccessScope month = new AccessScope("dev", List.of(ServiceFilter.only("orders")), List.of(), List.of(),
                Duration.ofHours(720), false, Set.of(), Map.of(), Set.of(), List.of());
        AccessScope dayAndAHalf = new AccessScope("dev", List.of(ServiceFilter.only("orders")), List.of(), List.of(),
                Duration.ofHours(36), false, Set.of(), Map.of(), Set.of(), List.of());

        assertThat(AccessView.describe(month, NOW)).contains("Up to 30 days per query");
        assertThat(AccessView.describe(dayAndAHalf, NOW)).contains("Up to 1 day 12 h per query");
    }

    @Test
    void names_an_unmask_grant_with_its_services_and_the_time_it_has_left() {
        String summary = AccessView.describe(scope(Set.of("network"),
                List.of(grant(GrantKind.UNMASK, Set.of("pii"), Set.of()))), NOW);
        assertThat(summary).contains("network shown unmasked by your role")
                .contains("pii shown unmasked in payments by a grant for 50 min more")
                .contains("everything else confidential is masked")
                .doesNotContain("everything confidential is masked");
    }

    @Test
    void the_summary_and_the_elevated_access_banner_state_the_same_time_left() {
        Grant oneHour = new Grant("r1", "dev", GrantKind.UNMASK, List.of("payments"), Set.of("pii"), Set.of(),
                NOW.minusSeconds(30), NOW.plus(Duration.ofMinutes(59).plusSeconds(30)), false);

        String summary = AccessView.describe(scope(Set.of(), List.of(oneHour)), NOW);
        String banner = ElevatedAccessNotice.describe(oneHour, NOW);

        assertThat(summary).contains("by a grant for 1 h more");
        assertThat(banner).endsWith("expires in 1 h");
    }

    @Test
    void counts_the_tokens_a_reveal_grant_lets_the_user_reveal() {
        String summary = AccessView.describe(scope(Set.of(),
                List.of(grant(GrantKind.REVEAL, Set.of("email"), Set.of("‹email:7f3a9c21›", "‹email:00aa11bb›")))), NOW);
        assertThat(summary).contains("2 tokens you may reveal by a grant for 50 min more");
    }
}

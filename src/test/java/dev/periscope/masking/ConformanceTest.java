package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Conformance against other projects' test suites, read in place from {@code ../shared/corpora/}. Writes
 * {@code target/conformance.md}.
 */
class ConformanceTest {

    /** gitleaks' gcp-api-key near misses are real-format Google API keys; see the report. */
    private static final String GOOGLE_KEYS = "gcp-api-key";

    @Test
    void meets_the_conformance_targets_and_writes_the_report() throws Exception {
        CompiledRules rules = MaskingFixtures.shippedRules();
        Conformance c = new Conformance(MaskingFixtures.service(new FastEngine()), rules);
        Map<String, Conformance.Tally> presidio = c.presidioRecognizers();
        // Presidio counts loopback and unspecified addresses (::1, 0.0.0.0) as IP addresses; the default ip-scope
        // leaves them visible. The recognizer is measured with ip-scope: all, and the default is reported beside it.
        Conformance.Tally ipByDefault = presidio.get("ip");
        presidio.put("ip", new Conformance(MaskingFixtures.service(new FastEngine()),
                MaskingFixtures.shippedRules(MaskingProperties.IpScope.ALL)).presidioRecognizer("ip"));
        Conformance.GitleaksTally gitleaks = c.gitleaks();
        Conformance.ResearchTally research = c.research();
        String report = ConformanceReport.markdown(rules, presidio, ipByDefault, gitleaks, research);
        Path out = MaskingFixtures.projectRoot().resolve("target/conformance.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println("wrote " + out);

        presidio.forEach((name, t) -> {
            assertThat(t.positiveRate()).as(name + " positives").isGreaterThanOrEqualTo(0.95);
            assertThat(t.negativeRate()).as(name + " negatives").isGreaterThanOrEqualTo(0.95);
        });
        assertThat((double) gitleaks.tpCaught() / gitleaks.tp()).as("gitleaks true positives caught")
                .isGreaterThanOrEqualTo(0.95);
        int[] google = gitleaks.perRule().getOrDefault(GOOGLE_KEYS, new int[4]);
        double fpOther = (double) (gitleaks.fpFlagged() - google[3]) / (gitleaks.fp() - google[2]);
        assertThat(fpOther).as("gitleaks false positives flagged, Google keys aside").isLessThanOrEqualTo(0.05);
        research.perEntity().forEach((type, v) ->
                assertThat((double) v[1] / v[0]).as(type + " recall").isGreaterThanOrEqualTo(0.95));
    }
}

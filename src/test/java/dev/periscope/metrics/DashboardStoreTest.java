package dev.periscope.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardStoreTest {

    @TempDir
    Path dir;

    @Test
    void loads_every_yaml_file_and_lists_the_broken_ones_with_their_error() throws IOException {
        Files.writeString(dir.resolve("checkout.yaml"), DashboardParserTest.VALID);
        Files.writeString(dir.resolve("broken.yml"), "title: x\nrows: [{panels: [{title: a, query: 'sum('}]}]\n");
        Files.writeString(dir.resolve("notes.txt"), "not a dashboard");

        var snapshot = new DashboardStore(dir).current();

        assertThat(snapshot.dashboards()).extracting(Dashboard::id).containsExactly("checkout");
        assertThat(snapshot.errors()).singleElement().asString().startsWith("broken.yml:2: the query does not parse");
    }

    @Test
    void picks_up_a_changed_file_on_the_next_look() throws IOException {
        Path file = dir.resolve("checkout.yaml");
        Files.writeString(file, DashboardParserTest.VALID);
        var store = new DashboardStore(dir);
        assertThat(store.current().dashboards().getFirst().title()).isEqualTo("Checkout");

        Files.writeString(file, DashboardParserTest.VALID.replace("title: Checkout", "title: Checkout v2"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(store.current().dashboards().getFirst().title()).isEqualTo("Checkout v2");
    }

    @Test
    void a_missing_directory_has_no_dashboards() {
        assertThat(new DashboardStore(dir.resolve("absent")).current().dashboards()).isEmpty();
    }
}

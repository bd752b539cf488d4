package dev.periscope.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboards a portal shows do not depend on the directory it was started from without anyone knowing. */
class DashboardLocationTest {

    @TempDir
    Path work;

    /** A class path with one packaged example dashboard, as the jar carries them. */
    private ClassLoader packaged() throws IOException {
        Path classes = Files.createDirectories(work.resolve("classes").resolve(DashboardLocation.PACKAGED));
        Files.writeString(classes.resolve("checkout.yaml"), DashboardParserTest.VALID);
        Files.writeString(classes.resolve("readme.txt"), "not a dashboard");
        return new URLClassLoader(new URL[] {classes.getParent().toUri().toURL()}, null);
    }

    private Path startedFrom() throws IOException {
        return Files.createDirectories(work.resolve("elsewhere"));
    }

    @Test
    void the_demo_started_from_another_directory_shows_the_dashboards_packaged_in_the_application() throws IOException {
        var location = DashboardLocation.find(new DashboardProperties(null, true), startedFrom(), packaged());

        assertThat(location.store().current().dashboards()).extracting(Dashboard::id).containsExactly("checkout");
        assertThat(location.source()).contains("packaged");
    }

    @Test
    void the_dashboards_of_the_repository_are_packaged_for_the_demo() throws IOException {
        var location = DashboardLocation.find(new DashboardProperties(null, true), startedFrom(),
                DashboardLocationTest.class.getClassLoader());

        var snapshot = location.store().current();
        assertThat(snapshot.errors()).isEmpty();
        assertThat(snapshot.dashboards()).extracting(Dashboard::id).contains("checkout", "jvm", "overview");
    }

    @Test
    void a_dashboards_directory_in_the_working_directory_comes_before_the_packaged_ones() throws IOException {
        Path from = startedFrom();
        Files.createDirectories(from.resolve("dashboards"));
        Files.writeString(from.resolve("dashboards").resolve("orders.yaml"),
                DashboardParserTest.VALID.replace("title: Checkout", "title: Orders"));

        var location = DashboardLocation.find(new DashboardProperties(null, true), from, packaged());

        assertThat(location.store().current().dashboards()).extracting(Dashboard::id).containsExactly("orders");
    }

    @Test
    void a_configured_directory_is_used_and_reread_whatever_the_working_directory() throws IOException {
        Path configured = Files.createDirectories(work.resolve("etc-dashboards"));
        var location = DashboardLocation.find(new DashboardProperties(configured, true), startedFrom(), packaged());
        assertThat(location.store().current().dashboards()).isEmpty();

        Files.writeString(configured.resolve("orders.yaml"), DashboardParserTest.VALID);

        assertThat(location.store().current().dashboards()).extracting(Dashboard::id).containsExactly("orders");
    }

    @Test
    void a_configured_directory_that_is_missing_is_reported_and_never_replaced_by_the_examples() throws IOException {
        var location = DashboardLocation.find(new DashboardProperties(work.resolve("absent"), true), startedFrom(),
                packaged());

        var snapshot = location.store().current();
        assertThat(snapshot.dashboards()).isEmpty();
        assertThat(snapshot.directoryMissing()).isTrue();
        assertThat(snapshot.errors()).as("a missing directory is not a file with errors").isEmpty();
    }

    @Test
    void outside_the_demo_no_example_dashboards_are_shown() throws IOException {
        var location = DashboardLocation.find(new DashboardProperties(null, false), startedFrom(), packaged());

        assertThat(location.store().current().dashboards()).isEmpty();
        assertThat(location.store().current().errors()).isEmpty();
    }
}

package dev.periscope.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceFilterTest {

    @Test
    void includes_by_glob_then_excludes() {
        ServiceFilter filter = new ServiceFilter(List.of("*"), List.of("payments", "card-*"));

        assertThat(filter.allows("checkout")).isTrue();
        assertThat(filter.allows("payments")).isFalse();
        assertThat(filter.allows("card-vault")).isFalse();
        assertThat(filter.allows("payments-ui")).isTrue();
    }

    @Test
    void an_empty_filter_admits_nothing() {
        assertThat(ServiceFilter.NONE.allows("checkout")).isFalse();
    }

    @Test
    void question_marks_and_inner_stars_match_as_globs() {
        assertThat(ServiceFilter.only("web-?").allows("web-1")).isTrue();
        assertThat(ServiceFilter.only("web-?").allows("web-12")).isFalse();
        assertThat(ServiceFilter.only("a*b*c").allows("axxbyyc")).isTrue();
        assertThat(ServiceFilter.only("a*b*c").allows("axxbyy")).isFalse();
    }
}

package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnValuesTest {

    @Test
    void the_word_values_is_found_in_any_case_after_other_words_that_start_alike() {
        String text = "vacuum; Vendor (a) VaLuEs (1)";
        assertThat(ColumnValues.indexOfIgnoreCase(text, "values", 0, text.length())).isEqualTo(text.indexOf("VaLuEs"));
        assertThat(ColumnValues.indexOfIgnoreCase("insert ... values", "values", 0, 17)).isEqualTo(11);
    }

    @Test
    void the_word_values_is_not_found_where_it_runs_past_the_end_of_the_range_or_is_missing() {
        assertThat(ColumnValues.indexOfIgnoreCase("(a) values (1)", "values", 0, 9)).isEqualTo(-1);
        assertThat(ColumnValues.indexOfIgnoreCase("(a) values (1)", "values", 5, 14)).isEqualTo(-1);
        assertThat(ColumnValues.indexOfIgnoreCase("at Foo.bar(Foo.java:12)", "values", 0, 23)).isEqualTo(-1);
    }
}

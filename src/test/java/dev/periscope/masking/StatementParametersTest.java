package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statements logged with placeholders and, on the same line, the parameters they ran with, as ORMs and drivers write
 * them: each parameter is masked by the rule of the column its placeholder stands for.
 */
class StatementParametersTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("signup");

    private String mask(String line) {
        return masker.mask(strict, line).text();
    }

    /** What a case shows, a logged line, the confidential values in it, and a part of it that must stay as it is. */
    record Logged(String shows, String line, List<String> values, String kept) {
        @Override
        public String toString() {
            return shows;
        }
    }

    static List<Logged> logged_lines() {
        return List.of(
                new Logged("sqlalchemy names its parameters in a dict",
                        "[SQL: INSERT INTO users (email, first_name, phone) VALUES (%(email)s, %(first_name)s, "
                        + "%(phone)s)] [parameters: {'email': 'ann.lee@bigco.io', 'first_name': 'Annika', "
                        + "'phone': '+44 20 7946 0958'}]", List.of("ann.lee", "Annika", "7946"),
                        "VALUES (%(email)s, %(first_name)s, %(phone)s)] [parameters: {'email': '"),
                new Logged("sqlalchemy gives positional parameters in a tuple",
                        "[SQL: INSERT INTO users (email, first_name, phone) VALUES (?, ?, ?)] "
                        + "[parameters: ('ann.lee@bigco.io', 'Annika', '+44 20 7946 0958')]",
                        List.of("ann.lee", "Annika", "7946"), "VALUES (?, ?, ?)] [parameters: ('"),
                new Logged("psycopg and mysql placeholders are written %s",
                        "[SQL: INSERT INTO users (email, first_name) VALUES (%s, %s)] "
                        + "[parameters: ('ann.lee@bigco.io', 'Annika')]", List.of("ann.lee", "Annika"),
                        "VALUES (%s, %s)] [parameters: ('"),
                new Logged("a dict key that no rule names (last_name_1) is matched by its placeholder",
                        "[SQL: SELECT users.id FROM users WHERE users.last_name = %(last_name_1)s "
                        + "LIMIT %(param_1)s] [parameters: {'last_name_1': 'Lindqvist', 'param_1': 1}]",
                        List.of("Lindqvist"), "'param_1': 1}]"),
                new Logged("prisma style params follow the statement",
                        "Query: INSERT INTO \"User\" (\"email\",\"last_name\") VALUES ($1,$2) "
                        + "Params: [\"ann.lee@bigco.io\",\"Lindqvist\"]", List.of("ann.lee", "Lindqvist"),
                        "VALUES ($1,$2) Params: [\""),
                new Logged("drizzle writes its params after a comment",
                        "Query: select \"id\" from \"users\" where \"users\".\"last_name\" = $1 -- params: "
                        + "[\"Lindqvist\"]", List.of("Lindqvist"), "= $1 -- params: [\""),
                new Logged("typeorm writes PARAMETERS in capitals and a number stays",
                        "query: INSERT INTO \"user\"(\"email\", \"firstName\", \"age\") VALUES ($1, $2, $3) "
                        + "RETURNING \"id\" -- PARAMETERS: [\"ann.lee@bigco.io\",\"Annika\",42]",
                        List.of("ann.lee", "Annika"), "\",42]"),
                new Logged("sequelize 5 and 6 write the values bare after the semicolon",
                        "Executing (default): INSERT INTO \"Users\" (\"id\",\"email\",\"first_name\",\"createdAt\") "
                        + "VALUES (DEFAULT,$1,$2,$3) RETURNING \"id\"; \"ann.lee@bigco.io\", \"Annika\", "
                        + "\"2026-11-02 10:00:00.000 +00:00\"", List.of("ann.lee", "Annika"),
                        "\"2026-11-02 10:00:00.000 +00:00\""),
                new Logged("sequelize 7 writes with parameters",
                        "Executing (default): UPDATE \"Users\" SET \"first_name\"=$1,\"updatedAt\"=$2 WHERE "
                        + "\"id\" = $3; with parameters [ 'Annika', '2026-11-02', 7 ]", List.of("Annika"),
                        "', '2026-11-02', 7 ]"),
                new Logged("a parameters list after the semicolon",
                        "Executing (default): INSERT INTO `users` (`id`,`email`,`first_name`) VALUES "
                        + "(DEFAULT,?,?); parameters: [\"ann.lee@bigco.io\",\"Annika\"]",
                        List.of("ann.lee", "Annika"), "VALUES (DEFAULT,?,?); parameters: [\""),
                new Logged("knex writes its bindings before its sql",
                        "{ method: 'insert', options: {}, bindings: [ 'ann.lee@bigco.io', 'Annika' ], "
                        + "sql: 'insert into \"users\" (\"email\", \"first_name\") values (?, ?)' }",
                        List.of("ann.lee", "Annika"), "sql: 'insert into \"users\" (\"email\", \"first_name\") "
                        + "values (?, ?)' }"),
                new Logged("laravel logs bindings as json and a date of update stays",
                        "{\"sql\":\"insert into `users` (`email`, `first_name`, `updated_at`) values (?, ?, ?)\","
                        + "\"bindings\":[\"ann.lee@bigco.io\",\"Annika\",\"2026-11-02\"],\"time\":1.2}",
                        List.of("ann.lee", "Annika"), "\",\"2026-11-02\"],\"time\":1.2}"),
                new Logged("doctrine keys its parameters by position from 1",
                        "Executing statement: INSERT INTO users (email, first_name) VALUES (?, ?) (parameters: "
                        + "{\"2\":\"Annika\",\"1\":\"ann.lee@bigco.io\"}, types: {\"1\":2,\"2\":2})",
                        List.of("ann.lee", "Annika"), "types: {\"1\":2,\"2\":2})"),
                new Logged("a where clause with numbered placeholders keeps its tenant id",
                        "SELECT * FROM users WHERE email = $1 AND dob = $2 AND tenant_id = $3 "
                        + "Params: [\"ann.lee@bigco.io\",\"1984-03-12\",17]", List.of("ann.lee", "1984-03-12"),
                        "\",17]"),
                new Logged("a column compared in a function, with like or in a list takes its rule",
                        "SELECT * FROM users WHERE lower(email) = lower(?) AND \"users\".\"first_name\" ILIKE ? "
                        + "AND last_name IN (?, ?) AND id > ? params: [\"ann.lee@bigco.io\", \"Annika%\", "
                        + "\"Lindqvist\", \"Berg\", 17]", List.of("ann.lee", "Annika", "Lindqvist", "Berg"),
                        "\", 17]"),
                new Logged("each row of an executemany is matched to the columns",
                        "[SQL: INSERT INTO users (email, first_name) VALUES (?, ?)] [parameters: "
                        + "[('ann.lee@bigco.io', 'Annika'), ('bo.berg@bigco.io', 'Bosse')]]",
                        List.of("ann.lee", "Annika", "bo.berg", "Bosse"), "'), ('‹"),
                new Logged("when placeholders and parameters differ in number all the parameters are masked",
                        "[SQL: INSERT INTO users (first_name, notes) VALUES (?, ?)] "
                        + "[parameters: ('Annika', 'call back, after 5', 'x')]", List.of("Annika", "call back", "'x'"),
                        "[SQL: INSERT INTO users (first_name, notes) VALUES (?, ?)] [parameters: ("),
                new Logged("a date of birth written as a python date is masked whole",
                        "[SQL: INSERT INTO users (email, dob) VALUES (?, ?)] "
                        + "[parameters: ('ann.lee@bigco.io', datetime.date(1984, 3, 12))]", List.of("1984"),
                        "[parameters: ('‹email:"),
                new Logged("a placeholder with a cast is still a placeholder",
                        "Query: UPDATE \"User\" SET \"last_name\" = $1::text WHERE \"id\" = $2 "
                        + "Params: [\"Lindqvist\", 3]", List.of("Lindqvist"), " WHERE \"id\" = $2 Params: [\"‹name:"),
                new Logged("a python dict is masked by its single quoted keys even without its statement",
                        "parameters: {'email': 'ann.lee@bigco.io', 'first_name': 'Annika', 'plan': 'pro'}",
                        List.of("ann.lee", "Annika"), "'plan': 'pro'}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logged_lines")
    void a_parameter_is_masked_by_the_rule_of_the_column_its_placeholder_stands_for(Logged logged) {
        String masked = mask(logged.line());

        for (String value : logged.values()) {
            assertThat(masked).doesNotContain(value);
        }
        assertThat(masked).contains(logged.kept());
    }

    @Test
    void an_update_maps_placeholders_in_set_and_where_to_their_columns_and_keeps_its_statement_and_id() {
        String masked = mask("UPDATE users SET first_name = ?, ssn = ? WHERE id = ? "
                + "[parameters: ('Annika', '078-05-1120', 42)]");

        assertThat(masked).startsWith("UPDATE users SET first_name = ?, ssn = ? WHERE id = ? [parameters: ('‹")
                .endsWith("', 42)]").doesNotContain("Annika").doesNotContain("1120");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[SQL: INSERT INTO orders (id, status, total) VALUES (?, ?, ?)] [parameters: (7, 'new', 12.5)]",
        "Query: SELECT * FROM \"User\" WHERE \"id\" = $1 LIMIT $2 OFFSET $3 Params: [42,1,0]",
        "UPDATE orders SET status = ?, total = ? WHERE id = ? [parameters: ('paid', 12.5, 7)]",
        "{ method: 'select', options: {}, bindings: [ 42, 1 ], sql: 'select \"users\".* from \"users\" where "
                + "\"id\" = ? limit ?' }",
        "[SQL: INSERT INTO users (first_name, notes) VALUES (?, ?)] [parameters: (None, 'call back')]",
        "Executing (default): SELECT \"id\" FROM \"Orders\" WHERE \"status\" = $1; \"paid\"",
        "GET /search?q=shoes&page=2 params: {\"q\":\"shoes\",\"page\":\"2\"}",
        "job failed: bindings: [1, 2, 3]",
        "Query: SELECT 1 Params: [\"Annika\"]",
        "INSERT INTO \"users\" (\"email\", \"first_name\") VALUES (%(email)s, %(first_name)s)",
        "INSERT INTO users (email, first_name) VALUES (%s, %s)",
        "UPDATE users SET first_name = ?, last_name = %s WHERE id = ?",
    })
    void ordinary_statements_parameters_and_placeholders_stay(String line) {
        assertThat(mask(line)).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[2.345ms] [rows:1] INSERT INTO `users` (`email`,`first_name`) VALUES (\"ann.lee@bigco.io\",\"Annika\")",
        "INSERT INTO \"users\" (\"email\",\"first_name\") VALUES ('ann.lee@bigco.io','Annika')",
        "INSERT INTO users (email, first_name) VALUES ('ann.lee@bigco.io', 'Annika')",
    })
    void values_a_go_driver_writes_into_the_statement_are_masked_whatever_the_identifiers_quotes(String line) {
        assertThat(mask(line)).doesNotContain("ann.lee").doesNotContain("Annika");
    }
}

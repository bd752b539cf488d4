package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Credentials as they reach logs inside commands, SQL statements, XML configuration and name/value lists: only the
 * secret is redacted, and the command, statement or document around it stays readable.
 */
class CommandAndConfigSecretsTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("svc");

    private String mask(String raw) {
        return masker.mask(strict, raw).text();
    }

    /** A line, the made-up secret in it, and the text that must surround the redaction. */
    static Stream<Arguments> leakingLines() {
        return Stream.of(
            // SQL statements
            Arguments.of("LOG:  statement: ALTER ROLE app WITH PASSWORD 'N3wPa55w0rd!'", "N3wPa55w0rd!",
                "LOG:  statement: ALTER ROLE app WITH PASSWORD '", "'"),
            Arguments.of("CREATE USER app WITH ENCRYPTED PASSWORD 'x9Zs!pQ2'", "x9Zs!pQ2",
                "CREATE USER app WITH ENCRYPTED PASSWORD '", "'"),
            Arguments.of("CREATE ROLE app WITH LOGIN PASSWORD 'R0leP4ss!' VALID UNTIL '2027-01-01'", "R0leP4ss!",
                "LOGIN PASSWORD '", "' VALID UNTIL '2027-01-01'"),
            Arguments.of("CREATE USER 'etl'@'10.%' IDENTIFIED BY 'Etl#Secret99'", "Etl#Secret99",
                "CREATE USER 'etl'@'10.%' IDENTIFIED BY '", "'"),
            Arguments.of("ALTER USER bob IDENTIFIED BY Tig3rPass99;", "Tig3rPass99", "ALTER USER bob IDENTIFIED BY ",
                ";"),
            Arguments.of("CREATE USER IF NOT EXISTS 'u'@'%' IDENTIFIED WITH caching_sha2_password BY 'Cach3Pass'",
                "Cach3Pass", "caching_sha2_password BY '", "'"),
            Arguments.of("GRANT ALL ON db.* TO 'u'@'h' IDENTIFIED BY 'Gr4ntP4ss'", "Gr4ntP4ss", "IDENTIFIED BY '", "'"),
            Arguments.of("SET PASSWORD FOR 'bob'@'%' = 'S3cret!x'", "S3cret!x", "SET PASSWORD FOR 'bob'@'%' = '", "'"),
            Arguments.of("SET PASSWORD = PASSWORD('S3cret!x')", "S3cret!x", "SET PASSWORD = PASSWORD('", "')"),
            // Redis
            Arguments.of("1763800000.123 [0 10.1.2.3:51000] \"AUTH\" \"default\" \"R3d1sP4ssw0rd\"", "R3d1sP4ssw0rd",
                "\"AUTH\" \"default\" \"", "\""),
            Arguments.of("\"AUTH\" \"R3d1sP4ssw0rd\"", "R3d1sP4ssw0rd", "\"AUTH\" \"", "\""),
            Arguments.of("\"CONFIG\" \"SET\" \"requirepass\" \"R3d1sP4ssw0rd\"", "R3d1sP4ssw0rd",
                "\"CONFIG\" \"SET\" \"requirepass\" \"", "\""),
            Arguments.of("requirepass R3d1sP4ssw0rd", "R3d1sP4ssw0rd", "requirepass ", ""),
            Arguments.of("masterauth R3d1sP4ssw0rd", "R3d1sP4ssw0rd", "masterauth ", ""),
            // Command lines
            Arguments.of("mysql -u root -pS3cr3tR00t! -h db01", "S3cr3tR00t!", "mysql -u root -p", " -h db01"),
            Arguments.of("mysql -uroot -p'S3cr3t R00t' appdb", "S3cr3t R00t", "mysql -uroot -p'", "' appdb"),
            Arguments.of("mysqldump -p\"Dump!Pass7\" --all-databases", "Dump!Pass7", "mysqldump -p\"",
                "\" --all-databases"),
            Arguments.of("mysqladmin -u root -pAdm1nPass status", "Adm1nPass", "mysqladmin -u root -p", " status"),
            Arguments.of("mongosh -u admin -p M0ngoPass --authenticationDatabase admin", "M0ngoPass",
                "mongosh -u admin -p ", " --authenticationDatabase admin"),
            Arguments.of("docker login -u ci -p Kp9vQ2xW7mZ4rT8y registry.example.com", "Kp9vQ2xW7mZ4rT8y",
                "docker login -u ci -p ", " registry.example.com"),
            Arguments.of("oc login -u developer -p 0cP4ssw0rd https://api.example.com:6443", "0cP4ssw0rd",
                "oc login -u developer -p ", " https://api.example.com:6443"),
            Arguments.of("redis-cli -h r1 -a R3d1sP4ssw0rd ping", "R3d1sP4ssw0rd", "redis-cli -h r1 -a ", " ping"),
            Arguments.of("sshpass -p 'Ssh!Pass2026' ssh deploy@host", "Ssh!Pass2026", "sshpass -p '",
                "' ssh deploy@host"),
            Arguments.of("sqlcmd -S db -U sa -P 'Sql!Pass1' -Q \"select 1\"", "Sql!Pass1", "sqlcmd -S db -U sa -P '",
                "' -Q \"select 1\""),
            Arguments.of("ldapsearch -x -D cn=admin,dc=example,dc=org -w Ld4pPass -b dc=example,dc=org", "Ld4pPass",
                "-w ", " -b dc=example,dc=org"),
            Arguments.of("keytool -importkeystore -srckeystore a.p12 -storepass Ch4ngedPass -keypass K3yPass",
                "Ch4ngedPass", "-storepass ", " -keypass"),
            Arguments.of("keytool -genkeypair -alias app -keypass K3yPass -keystore app.jks", "K3yPass",
                "-keypass ", " -keystore app.jks"),
            Arguments.of("openssl pkcs12 -export -in c.pem -passout pass:P12Pa55 -out c.p12", "P12Pa55",
                "-passout pass:", " -out c.p12"),
            Arguments.of("smbclient //files/share -U admin%Smb!Pass -c ls", "Smb!Pass", "-U admin%", " -c ls"),
            Arguments.of("htpasswd -bc .htpasswd bob Htp4ss!", "Htp4ss!", "htpasswd -bc .htpasswd bob ", ""),
            Arguments.of("htpasswd -nbB bob Htp4ss!", "Htp4ss!", "htpasswd -nbB bob ", ""),
            Arguments.of("rabbitmqctl add_user admin Rabb1tPass", "Rabb1tPass", "rabbitmqctl add_user admin ", ""),
            Arguments.of("curl -uadmin:S3cretCurl https://api.example.com", "S3cretCurl", "curl -u",
                " https://api.example.com"),
            Arguments.of("backup --s3-secret Zq8wS3cretVal --bucket b1", "Zq8wS3cretVal", "backup --s3-secret ",
                " --bucket b1"),
            Arguments.of("migrate --db-password Db!Pass42 --db-host db01", "Db!Pass42", "migrate --db-password ",
                " --db-host db01"),
            Arguments.of("setup --admin-password=Adm!Pass42 --yes", "Adm!Pass42", "setup --admin-password=", " --yes"),
            Arguments.of("login --client-secret Cl1entS3cret9", "Cl1entS3cret9", "login --client-secret ", ""),
            // Oracle connect strings
            Arguments.of("url=jdbc:oracle:thin:scott/Tig3rPass99@db-prod:1521/ORCL", "Tig3rPass99",
                "jdbc:oracle:thin:scott/", "@db-prod:1521/ORCL"),
            Arguments.of("sqlplus system/Pw0rdOra@//db:1521/XE @init.sql", "Pw0rdOra", "sqlplus system/",
                "@//db:1521/XE @init.sql"),
            Arguments.of("sqlplus scott/tiger@orcl", "tiger", "sqlplus scott/", "@orcl"),
            Arguments.of("expdp system/Exp0rtPw@pdb1 directory=dp dumpfile=x.dmp", "Exp0rtPw", "expdp system/",
                "@pdb1 directory=dp"),
            // XML configuration
            Arguments.of("<property name=\"password\" value=\"pg_Pa55w0rd_2024\"/>", "pg_Pa55w0rd_2024",
                "<property name=\"password\" value=\"", "\"/>"),
            Arguments.of("<add key=\"DbPassword\" value=\"Xq7!pw\"/>", "Xq7!pw", "<add key=\"DbPassword\" value=\"",
                "\"/>"),
            Arguments.of("<add key=\"ApiKey\" value=\"LuqIA1id6Vw5DQL05HA064Gi\"/>", "LuqIA1id6Vw5DQL05HA064Gi",
                "<add key=\"ApiKey\" value=\"", "\"/>"),
            Arguments.of("<property name=\"hibernate.connection.password\">Hb!Pass1</property>", "Hb!Pass1",
                "<property name=\"hibernate.connection.password\">", "</property>"),
            Arguments.of("<entry key=\"db.password\">Pw1!</entry>", "Pw1!", "<entry key=\"db.password\">",
                "</entry>"),
            Arguments.of("<parameter name=\"secret\">Qm9vS3cr3tT0k</parameter>", "Qm9vS3cr3tT0k",
                "<parameter name=\"secret\">", "</parameter>"),
            Arguments.of("<Environment name=\"jdbc/password\" type=\"java.lang.String\" value=\"T0mc4tPw\"/>",
                "T0mc4tPw", "type=\"java.lang.String\" value=\"", "\"/>"),
            // Name/value pairs
            Arguments.of("{\"name\":\"DB_PASSWORD\",\"value\":\"Pr0dDbP@ss2026\"}", "Pr0dDbP@ss2026",
                "{\"name\":\"DB_PASSWORD\",\"value\":\"", "\"}"),
            Arguments.of("{\"name\": \"API_TOKEN\", \"value\": \"7J58m1CiAhzCueQpBenQtYh5Xj8T\"}",
                "7J58m1CiAhzCueQpBenQtYh5Xj8T", "{\"name\": \"API_TOKEN\", \"value\": \"", "\"}"),
            Arguments.of("EnvVar{Name:DB_PASSWORD,Value:Sup3rS3cret!,ValueFrom:nil}", "Sup3rS3cret!",
                "EnvVar{Name:DB_PASSWORD,Value:", ",ValueFrom:nil}"),
            Arguments.of("{Name:API_TOKEN Value:Sup3rS3cret! ValueFrom:nil}", "Sup3rS3cret!",
                "{Name:API_TOKEN Value:", " ValueFrom:nil}"),
            Arguments.of("- name: DB_PASSWORD\n  value: \"Pr0dDbP@ss2026\"", "Pr0dDbP@ss2026",
                "- name: DB_PASSWORD\n  value: \"", "\""),
            Arguments.of("{\"ParameterKey\":\"DBPassword\",\"ParameterValue\":\"x9Zs!pQ2\"}", "x9Zs!pQ2",
                "{\"ParameterKey\":\"DBPassword\",\"ParameterValue\":\"", "\"}"),
            Arguments.of("{\"Name\":\"/prod/db/password\",\"Type\":\"SecureString\",\"Value\":\"Pr0dDbP@ss2026\"}",
                "Pr0dDbP@ss2026", "\"Type\":\"SecureString\",\"Value\":\"", "\"}"),
            Arguments.of("msg=\"{\\\"name\\\":\\\"DB_PASSWORD\\\",\\\"value\\\":\\\"Pr0dDbP@ss2026\\\"}\"",
                "Pr0dDbP@ss2026", "{\\\"name\\\":\\\"DB_PASSWORD\\\",\\\"value\\\":\\\"", "\\\"}\""),
            // Validation errors
            Arguments.of("Field error in object 'loginRequest' on field 'password': rejected value [Winter2025!]; "
                + "codes [NotBlank.loginRequest.password]", "Winter2025!", "value [",
                "]; codes [NotBlank.loginRequest.password]"),
            Arguments.of("ConstraintViolationImpl{interpolatedMessage='size must be between 8 and 64', "
                + "propertyPath=password, rootBeanClass=class x.User, invalidValue=Winter2025!}", "Winter2025!",
                "propertyPath=password, rootBeanClass=class x.User, invalidValue=", "}"),
            // JSON Patch
            Arguments.of("{\"op\":\"replace\",\"path\":\"/password\",\"value\":\"Winter2025!\"}", "Winter2025!",
                "{\"op\":\"replace\",\"path\":\"/password\",\"value\":\"", "\"}"));
    }

    @ParameterizedTest
    @MethodSource("leakingLines")
    void the_secret_of_a_command_statement_or_config_line_is_redacted_and_the_rest_kept(String line, String secret,
            String before, String after) {
        String masked = mask(line);
        assertThat(masked).doesNotContain(secret).contains(before + "[REDACTED:").contains("]" + after);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ls -p /tmp",
        "ps -p 1234",
        "ssh -p 2222 host",
        "scp -P 2222 file host:/tmp",
        "grep -P 'x' file.txt",
        "mkdir -p /var/lib/app",
        "docker run -p 8080:80 nginx",
        "docker login -u ci --password-stdin registry.example.com",
        "mysql -u root -p appdb",
        "mysql -h db01 -P 3306 -u app",
        "mysql -u root -p${MYSQL_ROOT_PASSWORD}",
        "mongosh -u admin -p --authenticationDatabase admin",
        "redis-cli -h r1 -p 6380 ping",
        "ldapsearch -x -W -D cn=admin",
        "htpasswd -c .htpasswd bob",
        "rabbitmqctl list_users",
        "psql --no-password -h db app",
        "ansible-playbook --ask-become-pass site.yml",
        "keytool -list -keystore a.jks -storepass:env STOREPASS",
        "openssl pkcs12 -in a.p12 -passin env:P12_PASS",
        "smbclient -L //files -U admin",
        "{\"name\":\"LOG_LEVEL\",\"value\":\"debug\"}",
        "{\"name\":\"DB_PASSWORD\",\"valueFrom\":{\"secretKeyRef\":{\"name\":\"db\",\"key\":\"password\"}}}",
        "{\"name\":\"TOKEN_TTL\",\"value\":\"3600\"}",
        "{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":\"3\"}",
        "EnvVar{Name:LOG_LEVEL,Value:info,ValueFrom:nil}",
        "ALTER TABLE users ADD COLUMN password_hash text",
        "SELECT id FROM users WHERE password IS NULL",
        "ALTER ROLE app WITH PASSWORD NULL",
        "Password 'reset' link sent to user 42",
        "user bob identified by fingerprint via ssh key",
        "<property name=\"timeout\" value=\"30\"/>",
        "<property name=\"password\" value=\"${db.password}\"/>",
        "<property name=\"tokenValiditySeconds\" value=\"3600\"/>",
        "Field error in object 'signupRequest' on field 'age': rejected value [17]; codes [Min.signupRequest.age]",
        "jdbc:oracle:thin:@//db-prod:1521/ORCL",
        "sqlplus / as sysdba",
        "rman target /",
    })
    void a_flag_statement_or_pair_that_holds_no_secret_is_left_as_it_is(String line) {
        assertThat(mask(line)).isEqualTo(line);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
        passphrase: 3%&u!ypO09#                           | passphrase: [REDACTED:password]
        password=Xy7&k9!Lm user=ops                       | password=[REDACTED:password] user=
        db_pass=Ab&cd99 retry=3                           | db_pass=[REDACTED:password] retry=3
        GET /login?password=hunter2x&next=/home          | GET /login?password=[REDACTED:password]&next=/home
        body: user=ops&password=Tr0ub4dor&remember=1      | &password=[REDACTED:password]&remember=1
        """)
    void an_ampersand_is_part_of_a_password_but_in_a_query_string_where_it_parts_parameters(String line,
            String kept) {
        assertThat(mask(line)).contains(kept).doesNotContain("ypO09").doesNotContain("k9!Lm")
                .doesNotContain("cd99").doesNotContain("hunter2x").doesNotContain("Tr0ub4dor");
    }
}

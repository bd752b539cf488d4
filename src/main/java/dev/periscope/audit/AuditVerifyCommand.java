package dev.periscope.audit;

import dev.periscope.cli.CliCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * {@code audit verify [--dir DIR] [--public-key FILE]}: verifies the chain and its checkpoints without starting the
 * web server. Exit 0 when intact, 1 on tampering (naming the first bad record or segment and the kind), 2 when the
 * command could not run.
 */
public final class AuditVerifyCommand implements CliCommand {

    static final int INTACT = 0;
    static final int TAMPERED = 1;
    static final int CANNOT_RUN = 2;

    @Override
    public List<String> words() {
        return List.of("audit", "verify");
    }

    @Override
    public String summary() {
        return "[--dir DIR] [--public-key FILE]  verify the audit chain and its signed checkpoints";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Path dir = defaultDirectory();
        Optional<Path> keyFile = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals("--dir") || arg.equals("--public-key")) && i + 1 < args.size()) {
                Path value = Path.of(args.get(++i));
                if (arg.equals("--dir")) {
                    dir = value;
                } else {
                    keyFile = Optional.of(value);
                }
            } else {
                err.println("Usage: audit verify " + summary());
                return CANNOT_RUN;
            }
        }
        Optional<PublicKey> key = Optional.empty();
        if (keyFile.isPresent()) {
            try {
                key = Optional.of(AuditVerifier.readPublicKey(keyFile.get()));
            } catch (IOException e) {
                err.println("Cannot read the public key: " + e.getMessage());
                return CANNOT_RUN;
            }
        }
        AuditVerification result = new AuditVerifier(dir, key).verify();
        for (String warning : result.warnings()) {
            out.println("warning: " + warning);
        }
        for (String note : result.notes()) {
            out.println("note: " + note);
        }
        if (result.tamper().isPresent()) {
            AuditVerification.Tamper tamper = result.tamper().get();
            if (tamper.kind() == AuditVerification.Kind.UNREADABLE) {
                err.println("CANNOT VERIFY " + dir + ": " + tamper.message());
                return CANNOT_RUN;
            }
            err.println("TAMPERED " + dir + ": " + tamper);
            out.println("verified " + result.records() + " records before the first problem");
            return TAMPERED;
        }
        out.println("INTACT " + dir + ": " + result.records() + " records in " + result.segments()
                + " segments, " + result.checkpoints() + " signed checkpoints");
        return INTACT;
    }

    /** The same default as the web app: {@code audit} under the data directory, both settable by env var. */
    static Path defaultDirectory() {
        String dir = System.getenv("PERISCOPE_AUDIT_DIRECTORY");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        String data = System.getenv("PERISCOPE_DATA_DIRECTORY");
        return Path.of(data != null && !data.isBlank() ? data : "./data").resolve("audit");
    }
}

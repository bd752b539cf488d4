package dev.periscope.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * A JSON line whose last field is {@code "sig"}: an Ed25519 signature over the line's other bytes (the line with
 * {@code ,"sig":"..."} removed). Used for checkpoints and the retention anchor.
 */
final class SignedLine {

    private static final String SIG_FIELD = ",\"sig\":\"";

    private SignedLine() {
    }

    /** Signs a JSON object given without its closing brace; returns the line with its newline. */
    static byte[] sign(StringBuilder bodyWithoutBrace, CheckpointKey key) {
        byte[] body = (bodyWithoutBrace + "}").getBytes(StandardCharsets.UTF_8);
        String sig = Base64.getEncoder().encodeToString(key.sign(body));
        return (bodyWithoutBrace + SIG_FIELD + sig + "\"}\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The signed bytes and the signature of a line (without its newline), or empty if it has no signature. */
    static Optional<Parts> split(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        // A JSON string escapes its quotes, so the raw text ,"sig":" can only be the field itself.
        int at = text.lastIndexOf(SIG_FIELD);
        if (at < 0 || !text.endsWith("\"}")) {
            return Optional.empty();
        }
        try {
            byte[] sig = Base64.getDecoder().decode(text.substring(at + SIG_FIELD.length(), text.length() - 2));
            byte[] body = (text.substring(0, at) + "}").getBytes(StandardCharsets.UTF_8);
            return Optional.of(new Parts(body, sig));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    record Parts(byte[] body, byte[] signature) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Parts p && Arrays.equals(body, p.body) && Arrays.equals(signature, p.signature);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(body) * 31 + Arrays.hashCode(signature);
        }

        @Override
        public String toString() {
            return "Parts[" + body.length + " bytes]";
        }
    }
}

package dev.periscope.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * The Ed25519 key that signs checkpoints. Stored as one PEM file holding a {@code PRIVATE KEY} block (PKCS#8) and a
 * {@code PUBLIC KEY} block (X.509): the JDK cannot derive an Ed25519 public key from the private one, and verifiers
 * need it.
 */
record CheckpointKey(PrivateKey privateKey, PublicKey publicKey, String id) {

    private static final String ALGORITHM = "Ed25519";

    static CheckpointKey of(KeyPair pair) {
        return new CheckpointKey(pair.getPrivate(), pair.getPublic(), keyId(pair.getPublic()));
    }

    /** A short name for a public key, written into every checkpoint so a verifier can pick the right key. */
    static String keyId(PublicKey key) {
        return ChainFormat.hex(ChainFormat.sha256().digest(key.getEncoded())).substring(0, 16);
    }

    static CheckpointKey generate() {
        try {
            return of(KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate Ed25519 keys", e);
        }
    }

    /** Loads the key, or generates and stores one when {@code generate} is set and the file does not exist. */
    static Optional<CheckpointKey> loadOrGenerate(Path file, boolean generate) throws IOException {
        if (Files.exists(file)) {
            return Optional.of(load(file));
        }
        if (!generate) {
            return Optional.empty();
        }
        CheckpointKey key = generate();
        key.store(file);
        return Optional.of(key);
    }

    static CheckpointKey load(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(pemBlock(pem, "PRIVATE KEY")
                    .orElseThrow(() -> new IOException(file + " has no PRIVATE KEY block"))));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(pemBlock(pem, "PUBLIC KEY")
                    .orElseThrow(() -> new IOException(file + " has no PUBLIC KEY block"))));
            CheckpointKey key = new CheckpointKey(privateKey, publicKey, keyId(publicKey));
            byte[] probe = "periscope".getBytes(StandardCharsets.US_ASCII);
            if (!verify(publicKey, probe, key.sign(probe))) {
                throw new IOException(file + ": the public key does not belong to the private key");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " does not hold an Ed25519 key pair", e);
        }
    }

    /** Reads the first {@code PUBLIC KEY} block of a PEM file (a key pair file or a public key file). */
    static PublicKey readPublicKey(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(pemBlock(pem, "PUBLIC KEY")
                    .orElseThrow(() -> new IOException(file + " has no PUBLIC KEY block"))));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " does not hold an Ed25519 public key", e);
        }
    }

    void store(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String pem = pem("PRIVATE KEY", privateKey.getEncoded()) + pem("PUBLIC KEY", publicKey.getEncoded());
        try {
            // Created owner-only from the start: setting permissions after writing would leave a window.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's own permissions have to protect the key.
            Files.createFile(file);
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Writes the public key where verifiers look for it by default, unless it is there already. */
    void publishPublicKey(Path directory) throws IOException {
        Path file = directory.resolve(ChainFormat.KEY_PREFIX + id + ChainFormat.KEY_SUFFIX);
        if (!Files.exists(file)) {
            Files.writeString(file, pem("PUBLIC KEY", publicKey.getEncoded()), StandardCharsets.US_ASCII);
        }
    }

    byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    static boolean verify(PublicKey key, byte[] data, byte[] sig) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(data);
            return signature.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static Optional<byte[]> pemBlock(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            return Optional.empty();
        }
        return Optional.of(Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to)));
    }

    @Override
    public String toString() {
        return "CheckpointKey[" + id + "]";
    }
}

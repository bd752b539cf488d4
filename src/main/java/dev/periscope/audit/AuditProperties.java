package dev.periscope.audit;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where and how the audit trail is written.
 *
 * <pre>{@code
 * periscope:
 *   audit:
 *     directory: /var/lib/periscope/audit      # PERISCOPE_AUDIT_DIRECTORY; default ${periscope.data.directory:./data}/audit
 *     segment-max-size: 64MB                   # PERISCOPE_AUDIT_SEGMENTMAXSIZE: rotate a segment at this size
 *     segment-max-age: 24h                     # PERISCOPE_AUDIT_SEGMENTMAXAGE: ... or when it is this old
 *     retention: 400d                          # PERISCOPE_AUDIT_RETENTION: 0 keeps every segment forever
 *     durable-timeout: 5s                      # PERISCOPE_AUDIT_DURABLETIMEOUT: refuse the read after this long
 *     checkpoint-interval: 1m                  # PERISCOPE_AUDIT_CHECKPOINTINTERVAL
 *     verify-interval: 24h                     # PERISCOPE_AUDIT_VERIFYINTERVAL: 0 verifies only on demand
 *     signing-key-file: /etc/periscope/audit-signing-key.pem   # PERISCOPE_AUDIT_SIGNINGKEYFILE
 *     generate-signing-key: false              # PERISCOPE_AUDIT_GENERATESIGNINGKEY: true in the demo profile only
 *     witness-url: https://witness.example.org/checkpoints     # PERISCOPE_AUDIT_WITNESSURL
 * }</pre>
 *
 * @param directory the chain's segments, checkpoints and public keys; defaults to {@code audit} under
 *     {@code periscope.data.directory}
 * @param segmentMaxSize a segment is closed and a new one started when it reaches this size
 * @param segmentMaxAge ... or when its first record is this old
 * @param retention segments whose newest record is older than this are deleted, once verified and covered by a
 *     checkpoint; zero keeps everything
 * @param durableTimeout how long a read waits for its audit record to become durable before it is refused
 * @param checkpointInterval how often the chain head is signed (and after every rotation and at shutdown)
 * @param verifyInterval how often the whole chain is verified in the background (first run a minute after start);
 *     zero for on demand only
 * @param signingKeyFile a PEM file with the Ed25519 key pair that signs checkpoints (PRIVATE KEY and PUBLIC KEY blocks);
 *     defaults to {@code audit-signing-key.pem} under {@code periscope.data.directory}, outside the audit directory.
 *     Without a key no checkpoints are written.
 * @param generateSigningKey create and store a key pair in {@code signingKeyFile} when it does not exist (demo)
 * @param witnessUrl where each checkpoint is also POSTed as JSON, so a copy exists outside this machine
 */
@ConfigurationProperties("periscope.audit")
public record AuditProperties(
        @Nullable Path directory,
        @DefaultValue("64MB") DataSize segmentMaxSize,
        @DefaultValue("24h") Duration segmentMaxAge,
        @DefaultValue("0s") Duration retention,
        @DefaultValue("5s") Duration durableTimeout,
        @DefaultValue("1m") Duration checkpointInterval,
        @DefaultValue("24h") Duration verifyInterval,
        @Nullable Path signingKeyFile,
        @DefaultValue("false") boolean generateSigningKey,
        @Nullable URI witnessUrl) {
}

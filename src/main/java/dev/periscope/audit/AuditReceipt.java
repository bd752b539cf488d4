package dev.periscope.audit;

/** Proof that the start of a read was recorded durably; pass it to {@link AuditTrail#complete}. */
public record AuditReceipt(String recordId) {
}

package dev.periscope.audit;

/**
 * The durable end of the chain: how many records it holds, the hash of the last one and the segment it is in.
 */
record ChainHead(long records, String hash, String segment) {
}

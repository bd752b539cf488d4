package dev.periscope.logs.store.lucene;

import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.compressing.CompressionMode;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene90.compressing.Lucene90CompressingStoredFieldsFormat;

/**
 * Lucene's default codec, except that stored events are compressed with plain LZ4 in small chunks instead of LZ4 with
 * a preset dictionary and its high-compression hash table. Ingest writes every stored event at least twice (once when
 * a segment is flushed, again on every merge of a sorted index), and the dictionary variant was about a tenth of the
 * ingest CPU.
 *
 * <p>Chunks are small (4 KiB, at most 32 events): reading one event decompresses its chunk up to that event, and the
 * 100 hits of a selective query lie in 100 different chunks, so the chunk size sets what such a page costs to load
 * (0.24 ms with 4 KiB, 0.81 ms with 16 KiB; 60 KiB cost milliseconds more). The index is about 8% larger than with
 * 16 KiB chunks; at 10 million events memory and dense queries stayed within their goals (decision record
 * {@code logs-embedded-store.md}).
 *
 * <p>The name is written into every segment, and Lucene finds the codec by that name when it opens the index
 * ({@code META-INF/services/org.apache.lucene.codecs.Codec}): renaming this class or its name makes existing indexes
 * unreadable. The chunk size is recorded in each segment, so it may change. Segments written before this codec keep
 * Lucene's own codec and stay readable.
 */
public final class LogsCodec extends FilterCodec {

    static final String NAME = "PeriscopeLogs104";
    /** The stored-fields format's name, written into every segment beside the chunk size it used. */
    static final String STORED_FIELDS_FORMAT = "PeriscopeLogsStoredFields";
    /** Uncompressed bytes of stored events per compressed chunk. */
    static final int CHUNK_BYTES = 4 * 1024;
    /** Events per compressed chunk at most. */
    static final int CHUNK_EVENTS = 32;

    private final StoredFieldsFormat storedFields = new Lucene90CompressingStoredFieldsFormat(
            STORED_FIELDS_FORMAT, CompressionMode.FAST, CHUNK_BYTES, CHUNK_EVENTS, 10);

    /** Public and without arguments: Lucene's service loader creates it by name when an index is opened. */
    public LogsCodec() {
        super(NAME, new Lucene104Codec());
    }

    @Override
    public StoredFieldsFormat storedFieldsFormat() {
        return storedFields;
    }
}

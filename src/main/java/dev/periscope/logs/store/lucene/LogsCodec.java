package dev.periscope.logs.store.lucene;

import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.compressing.CompressionMode;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene90.compressing.Lucene90CompressingStoredFieldsFormat;

/**
 * Lucene's default codec, except that stored events are compressed with plain LZ4 instead of LZ4 with a preset
 * dictionary and its high-compression hash table. Ingest writes every stored event at least twice (once when a
 * segment is flushed, again on every merge of a sorted index), and the dictionary variant was about a tenth of the
 * ingest CPU for a few percent of disk.
 *
 * <p>The name is written into every segment, and Lucene finds the codec by that name when it opens the index
 * ({@code META-INF/services/org.apache.lucene.codecs.Codec}): renaming this class or its name, or changing the format
 * below without a new name, makes existing indexes unreadable. Segments written before this codec keep Lucene's own
 * codec and stay readable.
 */
public final class LogsCodec extends FilterCodec {

    static final String NAME = "PeriscopeLogs104";

    /** Chunk size, documents per chunk and block shift as Lucene's own stored fields use for their fast mode. */
    private final StoredFieldsFormat storedFields = new Lucene90CompressingStoredFieldsFormat(
            "PeriscopeLogsStoredFields", CompressionMode.FAST, 60 * 1024, 1024, 10);

    /** Public and without arguments: Lucene's service loader creates it by name when an index is opened. */
    public LogsCodec() {
        super(NAME, new Lucene104Codec());
    }

    @Override
    public StoredFieldsFormat storedFieldsFormat() {
        return storedFields;
    }
}

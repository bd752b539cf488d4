package dev.periscope.logs.store.lucene;

import dev.periscope.logs.store.LogEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.util.BytesRef;

/** The stored form of an event: one binary field, read back in one go, instead of one stored field per attribute. */
final class EventCodec {

    private static final byte VERSION = 1;

    private EventCodec() {
    }

    /**
     * One buffer per indexing thread: a new output per event allocated its blocks and copied them out again, a few
     * percent of ingest CPU. The bytes are Lucene's own encodings, so {@link #decode} reads them as before.
     */
    private static final ThreadLocal<Buffer> BUFFER = ThreadLocal.withInitial(Buffer::new);

    static byte[] encode(LogEvent event) {
        Buffer out = BUFFER.get();
        out.length = 0;
        try {
            out.writeByte(VERSION);
            writeString(out, event.id());
            out.writeZLong(event.timestamp());
            writeString(out, event.service());
            writeString(out, event.level());
            writeString(out, event.message());
            writeString(out, event.source());
            out.writeVLong(event.line());
            out.writeVLong(event.offset());
            out.writeByte((byte) (event.unparsed() ? 1 : 0));
            out.writeVInt(event.fields().size());
            for (Map.Entry<String, String> field : event.fields().entrySet()) {
                writeString(out, field.getKey());
                writeString(out, field.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] encoded = Arrays.copyOf(out.bytes, out.length);
        if (out.bytes.length > Buffer.KEEP) {
            BUFFER.remove(); // one huge event does not pin a huge buffer to the thread
        }
        return encoded;
    }

    /**
     * The same bytes as {@code DataOutput.writeString} (length, then UTF-8), but encoded by the JDK, which converts
     * Latin-1 strings in bulk instead of character by character: a few percent of ingest CPU.
     */
    private static void writeString(DataOutput out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeVInt(utf8.length);
        out.writeBytes(utf8, 0, utf8.length);
    }

    /** A growable array that Lucene's {@link DataOutput} encodings write into. */
    private static final class Buffer extends DataOutput {
        static final int KEEP = 1 << 16;
        byte[] bytes = new byte[1024];
        int length;

        @Override
        public void writeByte(byte b) {
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, 2 * bytes.length);
            }
            bytes[length++] = b;
        }

        @Override
        public void writeBytes(byte[] b, int offset, int count) {
            if (length + count > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + count));
            }
            System.arraycopy(b, offset, bytes, length, count);
            length += count;
        }
    }

    static LogEvent decode(BytesRef bytes) {
        try {
            return read(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LogEvent read(BytesRef bytes) throws IOException {
        ByteArrayDataInput in = new ByteArrayDataInput(bytes.bytes, bytes.offset, bytes.length);
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IllegalStateException("unknown stored event version " + version);
        }
        String id = in.readString();
        long timestamp = in.readZLong();
        String service = in.readString();
        String level = in.readString();
        String message = in.readString();
        String source = in.readString();
        long line = in.readVLong();
        long offset = in.readVLong();
        boolean unparsed = in.readByte() == 1;
        int count = in.readVInt();
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            fields.put(in.readString(), in.readString());
        }
        return new LogEvent(id, timestamp, service, level, message, fields, source, line, offset, unparsed);
    }
}

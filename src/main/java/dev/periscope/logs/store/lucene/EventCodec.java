package dev.periscope.logs.store.lucene;

import dev.periscope.logs.store.LogEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;

/** The stored form of an event: one binary field, read back in one go, instead of one stored field per attribute. */
final class EventCodec {

    private static final byte VERSION = 1;

    private EventCodec() {
    }

    static byte[] encode(LogEvent event) {
        ByteBuffersDataOutput out = new ByteBuffersDataOutput(256);
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
        return out.toArrayCopy();
    }

    /**
     * The same bytes as {@code DataOutput.writeString} (length, then UTF-8), but encoded by the JDK, which converts
     * Latin-1 strings in bulk instead of character by character: a few percent of ingest CPU.
     */
    private static void writeString(ByteBuffersDataOutput out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeVInt(utf8.length);
        out.writeBytes(utf8, 0, utf8.length);
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

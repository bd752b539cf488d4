package dev.periscope.logs.store.lucene;

import dev.periscope.logs.store.LogEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
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
            out.writeString(event.id());
            out.writeZLong(event.timestamp());
            out.writeString(event.service());
            out.writeString(event.level());
            out.writeString(event.message());
            out.writeString(event.source());
            out.writeVLong(event.line());
            out.writeVLong(event.offset());
            out.writeByte((byte) (event.unparsed() ? 1 : 0));
            out.writeVInt(event.fields().size());
            for (Map.Entry<String, String> field : event.fields().entrySet()) {
                out.writeString(field.getKey());
                out.writeString(field.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toArrayCopy();
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

package dev.periscope.logs;

import dev.periscope.base.ExportFormat;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Writes masked events as CSV or NDJSON, one row at a time, counting the bytes that reach the stream. */
final class ExportWriter {

    static final List<String> CSV_COLUMNS = List.of("id", "timestamp", "service", "level", "message", "fields",
            "source", "line", "withheld");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ExportFormat format;
    private final CountingStream counted;
    private final Writer writer;

    ExportWriter(ExportFormat format, OutputStream out) {
        this.format = format;
        this.counted = new CountingStream(out);
        this.writer = new BufferedWriter(new OutputStreamWriter(counted, StandardCharsets.UTF_8));
    }

    void header() throws IOException {
        if (format == ExportFormat.CSV) {
            line(String.join(",", CSV_COLUMNS.stream().map(ExportWriter::csv).toList()));
        }
    }

    void event(MaskedLogEvent event) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        event.fields().asMap().forEach((k, v) -> fields.put(k, v.text()));
        if (format == ExportFormat.CSV) {
            line(String.join(",", csv(event.id()), csv(event.timestamp().toString()), csv(event.service()),
                    csv(event.level()), csv(event.message().text()), csv(JSON.writeValueAsString(fields)),
                    csv(event.source()), csv(Long.toString(event.line())), csv(Boolean.toString(event.withheld()))));
        } else {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", event.id());
            row.put("timestamp", event.timestamp().toString());
            row.put("service", event.service());
            row.put("level", event.level());
            row.put("message", event.message().text());
            row.put("fields", fields);
            row.put("source", event.source());
            row.put("line", event.line());
            row.put("withheld", event.withheld());
            line(JSON.writeValueAsString(row));
        }
    }

    /**
     * The last line when the cap was hit or the export stopped early, so whoever opens the file knows it is
     * incomplete. In CSV it is a one-cell
     * row; in NDJSON an object with a single {@code _note} key, which no event has.
     */
    void note(String text) throws IOException {
        line(format == ExportFormat.CSV ? csv("# " + text) : JSON.writeValueAsString(Map.of("_note", text)));
    }

    /** Flushes; the bytes written so far. */
    long finish() throws IOException {
        writer.flush();
        return counted.count;
    }

    private void line(String text) throws IOException {
        writer.write(text);
        writer.write(format == ExportFormat.CSV ? "\r\n" : "\n");
    }

    /**
     * Quotes every field. A value a spreadsheet would run as a formula (a log message can start with anything) gets a
     * leading apostrophe, so opening an export cannot execute what was written into a log.
     */
    static String csv(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}

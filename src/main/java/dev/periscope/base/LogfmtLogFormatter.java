package dev.periscope.base;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.periscope.masking.MaskingLogConverter;
import java.time.Instant;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

/**
 * The portal's own log lines as logfmt, for reading in a terminal during development; production uses
 * {@link JsonLogFormatter}. Messages pass the masking engine, like the JSON lines.
 * Stack traces are reduced to the exception chain's types and messages, one line per event.
 */
public class LogfmtLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

    @Override
    public String format(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(256);
        line.append("time=").append(Instant.ofEpochMilli(event.getTimeStamp()));
        line.append(" level=").append(event.getLevel());
        line.append(" logger=").append(shortLogger(event.getLoggerName()));
        line.append(" thread=");
        quote(line, event.getThreadName());
        line.append(" msg=");
        quote(line, MaskingLogConverter.mask(event.getLoggerName(), String.valueOf(event.getFormattedMessage())));
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            StringBuilder chain = new StringBuilder();
            for (IThrowableProxy t = error; t != null; t = t.getCause()) {
                if (!chain.isEmpty()) {
                    chain.append(" <- ");
                }
                chain.append(t.getClassName()).append(": ").append(MaskingLogConverter.mask(String.valueOf(t.getMessage())));
            }
            line.append(" error=");
            quote(line, chain.toString());
        }
        return line.append('\n').toString();
    }

    private static String shortLogger(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    private static void quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        out.append('"');
    }
}

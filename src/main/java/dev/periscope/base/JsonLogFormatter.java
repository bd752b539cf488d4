package dev.periscope.base;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import dev.periscope.masking.MaskingLogConverter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal's own log lines as JSON in the shape of ECS. Messages and exception messages pass the masking engine
 * first, because they can quote the data the portal reads; stack frames are code locations and stay as they are.
 */
public class JsonLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_FRAMES = 40;

    @Override
    public String format(ILoggingEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("@timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        line.put("log.level", event.getLevel().toString());
        line.put("log.logger", event.getLoggerName());
        line.put("process.thread.name", event.getThreadName());
        line.put("service.name", "periscope");
        line.put("message", MaskingLogConverter.mask(event.getLoggerName(), String.valueOf(event.getFormattedMessage())));
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            line.put("error.type", error.getClassName());
            line.put("error.message", MaskingLogConverter.mask(event.getLoggerName(), String.valueOf(error.getMessage())));
            line.put("error.stack_trace", trace(error));
        }
        return JSON.writeValueAsString(line) + "\n";
    }

    private static String trace(IThrowableProxy error) {
        StringBuilder out = new StringBuilder();
        for (IThrowableProxy t = error; t != null; t = t.getCause()) {
            if (t != error) {
                out.append("Caused by: ");
            }
            out.append(t.getClassName()).append(": ").append(MaskingLogConverter.mask(String.valueOf(t.getMessage())))
                    .append('\n');
            StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
            for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
                out.append("\tat ").append(frames[i].getStackTraceElement()).append('\n');
            }
            if (frames.length > MAX_FRAMES) {
                out.append("\t... ").append(frames.length - MAX_FRAMES).append(" more\n");
            }
        }
        return out.toString();
    }
}

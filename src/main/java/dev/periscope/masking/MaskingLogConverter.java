package dev.periscope.masking;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Logback converter that writes the portal's own log messages through the masking engine, so raw values never land
 * in the portal's logs. Declare it in the Logback configuration and use {@code %maskedMsg} instead of {@code %msg}:
 *
 * <pre>{@code
 * <conversionRule conversionWord="maskedMsg" class="dev.periscope.masking.MaskingLogConverter"/>
 * <pattern>%d %-5level [%thread] %logger{36} : %maskedMsg%n</pattern>
 * }</pre>
 *
 * <p>Logging starts before the engine does: until {@link #install} is called, and whenever masking fails, the
 * message is replaced by a placeholder rather than written raw.
 */
public final class MaskingLogConverter extends ClassicConverter {

    static final String NOT_READY = "[message withheld: masking not started]";

    private static final AtomicReference<@Nullable Masker> MASKER = new AtomicReference<>();
    private static final MaskingContext CONTEXT = MaskingContext.strict("periscope");

    /** Called once the masking engine is up (see {@link MaskingConfiguration}). */
    static void install(@Nullable Masker masker) {
        MASKER.set(masker);
    }

    @Override
    public String convert(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        return message == null ? "" : mask(event.getLoggerName(), message);
    }

    /**
     * Like {@link #mask(String)}, knowing which logger wrote the message. Before the engine starts no production
     * data has been read, so the framework's own start-up messages (ports, and the explanation of a failed start)
     * are kept; the portal's own messages stay under the stricter rule.
     */
    public static String mask(String loggerName, String message) {
        if (MASKER.get() == null && !loggerName.startsWith("dev.periscope")) {
            return message;
        }
        return mask(message);
    }

    /**
     * Masks one piece of the portal's own log output (a message, an exception message), for log formatters that
     * do not use conversion words. Never returns raw text when masking is unavailable.
     */
    public static String mask(String message) {
        if (message.isEmpty()) {
            return "";
        }
        Masker masker = MASKER.get();
        if (masker == null) {
            // Messages from before the engine starts are the framework's own; they are kept only if they cannot
            // hold data: no digits, no '@', no '='.
            return message.chars().anyMatch(c -> Character.isDigit(c) || c == '@' || c == '=' || c == ':')
                    ? NOT_READY : message;
        }
        return masker.mask(CONTEXT, message).text();
    }
}

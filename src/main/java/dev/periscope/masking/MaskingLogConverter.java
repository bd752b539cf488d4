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
        if (message == null || message.isEmpty()) {
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

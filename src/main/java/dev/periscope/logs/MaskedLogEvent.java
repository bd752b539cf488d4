package dev.periscope.logs;

import dev.periscope.masking.MaskedFields;
import dev.periscope.masking.MaskedText;
import java.time.Instant;

/**
 * A log event as views, the REST API and exports see it: message and fields have passed the masking engine.
 *
 * @param id stable event id (for context and deep links)
 * @param timestamp when it happened
 * @param service the emitting service
 * @param level upper-case level, empty when none
 * @param message the masked message; a placeholder with {@code withheld()} set when masking failed
 * @param fields the masked structured fields
 * @param source the file or stream it came from
 * @param line its first line in the source
 * @param unparsed true when the line did not parse and the message is the raw line
 */
public record MaskedLogEvent(String id, Instant timestamp, String service, String level, MaskedText message,
                             MaskedFields fields, String source, long line, boolean unparsed) {

    /** True when masking failed and part of the event is withheld. */
    public boolean withheld() {
        return message.withheld() || fields.asMap().values().stream().anyMatch(MaskedText::withheld);
    }
}

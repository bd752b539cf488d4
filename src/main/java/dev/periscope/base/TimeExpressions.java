package dev.periscope.base;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points in time as users write them: {@code now}, {@code now-15m}, {@code now-24h}, ISO instants with or without
 * an offset (no offset means UTC), ISO dates (midnight UTC) and epoch milliseconds. Only times in the years 0000 to
 * 9999 are times: ISO dates allow years of up to nine digits, whose epoch milliseconds overflow.
 */
@org.springframework.modulith.NamedInterface("query")
public final class TimeExpressions {

    private static final Pattern RELATIVE = Pattern.compile("now(?:([+-])(\\d{1,9})(ms|s|m|h|d|w))?");

    private TimeExpressions() {
    }

    /** The first instant of the year 0000 and the last of 9999: the span of four-digit years. */
    public static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /**
     * How far a range may exceed a limit and still count as within it. "now-7d" to "now" read the clock twice, so
     * the preset that equals a role's seven days comes out some microseconds longer; a second of grace keeps such
     * presets working without letting anyone read a meaningful stretch beyond the limit.
     */
    public static final Duration RANGE_GRACE = Duration.ofSeconds(1);

    /** Whether [from, to) is longer than {@code limit}, beyond {@link #RANGE_GRACE}. */
    public static boolean longerThan(Instant from, Instant to, Duration limit) {
        return Duration.between(from, to).compareTo(limit.plus(RANGE_GRACE)) > 0;
    }

    /** The time a text names, or empty when it names none, or one outside {@link #EARLIEST}..{@link #LATEST}. */
    public static Optional<Instant> parse(String text, Clock clock) {
        return parseAny(text, clock).filter(t -> !t.isBefore(EARLIEST) && !t.isAfter(LATEST));
    }

    private static Optional<Instant> parseAny(String text, Clock clock) {
        String t = text.trim();
        Matcher relative = RELATIVE.matcher(t);
        if (relative.matches()) {
            Instant now = clock.instant();
            if (relative.group(1) == null) {
                return Optional.of(now);
            }
            long amount = Long.parseLong(relative.group(2));
            long millis = switch (relative.group(3)) {
                case "ms" -> amount;
                case "s" -> amount * 1_000L;
                case "m" -> amount * 60_000L;
                case "h" -> amount * 3_600_000L;
                case "d" -> amount * 86_400_000L;
                default -> amount * 7 * 86_400_000L;
            };
            return Optional.of(relative.group(1).equals("-") ? now.minusMillis(millis) : now.plusMillis(millis));
        }
        if (!t.isEmpty() && t.length() <= 15 && t.chars().allMatch(Character::isDigit)) {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(t)));
        }
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException notWithOffset) {
            // fall through to the forms without offset
        }
        try {
            return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notLocal) {
            // fall through
        }
        try {
            return Optional.of(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notDate) {
            return Optional.empty();
        }
    }
}

package org.stepdpo.config.chat;

import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.objects.date.StrftimeFormatter;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * The two functions transformers gives every chat template, as static methods (jinjava's functions are static).
 *
 * <p>{@code raise_exception(msg)} is how a template refuses messages it cannot format (Gemma: "System role not
 * supported"); {@code strftime_now(fmt)} is today's date for templates that print it (Llama 3.2).
 */
final class Jinja2Functions {

    private Jinja2Functions() {
    }

    /** Thrown by {@code raise_exception}; {@link Jinja2Environment} turns it into a message naming the template. */
    static final class RaisedByTemplate extends RuntimeException {
        RaisedByTemplate(String message) {
            super(message);
        }
    }

    public static String raiseException(String message) {
        throw new RaisedByTemplate(message);
    }

    /** Python's {@code datetime.now().strftime(fmt)} in the C locale, at the renderer's clock and time zone. */
    public static String strftimeNow(String format) {
        JinjavaConfig config = JinjavaInterpreter.getCurrent().getConfig();
        ZonedDateTime now = Instant.ofEpochMilli(config.getDateTimeProvider().getCurrentTimeMillis())
                .atZone(config.getTimeZone());
        return StrftimeFormatter.format(now, format, Locale.ENGLISH);
    }
}

package org.stepdpo.reports.dashboard;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.stepdpo.reports.report.Numbers;

import io.quarkus.qute.TemplateExtension;

/**
 * Number and date formats of the dashboard templates, e.g. {@code {fmt:percent(g.accuracy)}}; functions rather
 * than properties, because the values may be null (no maj@k with one sample, no finish time while running).
 */
@TemplateExtension(namespace = "fmt")
public class Formats {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    static String percent(Double share) {
        return Numbers.percent(share);
    }

    static String decimal(Double value) {
        return Numbers.decimal(value, 2);
    }

    static String pValue(Double p) {
        return p == null ? Numbers.MISSING : Numbers.pValue(p);
    }

    static String bytes(Long bytes) {
        return Numbers.bytes(bytes);
    }

    static String when(Instant instant) {
        return instant == null ? Numbers.MISSING : WHEN.format(instant);
    }

    static String lower(Enum<?> e) {
        return e == null ? Numbers.MISSING : e.name().toLowerCase();
    }
}

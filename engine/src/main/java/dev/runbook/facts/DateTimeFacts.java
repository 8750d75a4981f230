package dev.runbook.facts;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Ansible's {@code ansible_date_time} fact, from one instant in one time zone: every key Ansible's
 * date_time collector sets, with the same formats, all strings (as Ansible gives them).
 */
public final class DateTimeFacts {
    private DateTimeFacts() {
    }

    public static Map<String, Object> of(ZonedDateTime now) {
        ZonedDateTime utc = now.withZoneSameInstant(ZoneOffset.UTC);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("year", f(now, "yyyy"));
        m.put("month", f(now, "MM"));
        m.put("weekday", now.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        m.put("weekday_number", String.valueOf(now.getDayOfWeek().getValue() % 7)); // %w: Sunday is 0
        m.put("weeknumber", String.format(Locale.ROOT, "%02d", mondayWeek(now)));
        m.put("day", f(now, "dd"));
        m.put("hour", f(now, "HH"));
        m.put("minute", f(now, "mm"));
        m.put("second", f(now, "ss"));
        m.put("epoch", String.valueOf(now.toEpochSecond()));
        m.put("epoch_int", String.valueOf(now.toEpochSecond()));
        m.put("date", f(now, "yyyy-MM-dd"));
        m.put("time", f(now, "HH:mm:ss"));
        m.put("iso8601_micro", f(utc, "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'"));
        m.put("iso8601", f(utc, "yyyy-MM-dd'T'HH:mm:ss'Z'"));
        m.put("iso8601_basic", f(now, "yyyyMMdd'T'HHmmssSSSSSS"));
        m.put("iso8601_basic_short", f(now, "yyyyMMdd'T'HHmmss"));
        java.util.TimeZone zone = java.util.TimeZone.getTimeZone(now.getZone());
        boolean summer = zone.inDaylightTime(java.util.Date.from(now.toInstant()));
        m.put("tz", zone.getDisplayName(summer, java.util.TimeZone.SHORT, Locale.ENGLISH));
        // Python's time.tzname[1]: the summer-time name, or the standard one where there is no summer time
        m.put("tz_dst", zone.getDisplayName(zone.useDaylightTime(), java.util.TimeZone.SHORT, Locale.ENGLISH));
        m.put("tz_offset", f(now, "xx"));
        return m;
    }

    /** strftime's %W: weeks starting on Monday, days before the year's first Monday in week 0. */
    static int mondayWeek(ZonedDateTime d) {
        int dayOfYear = d.get(ChronoField.DAY_OF_YEAR) - 1;
        int weekday = d.getDayOfWeek().getValue() - 1; // Monday 0
        return (dayOfYear + 7 - weekday) / 7;
    }

    private static String f(ZonedDateTime t, String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).format(t);
    }
}

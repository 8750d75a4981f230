package dev.runbook.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * Expands Ansible host ranges: {@code web[01:20]} (zero padding kept), {@code db-[a:c]},
 * {@code [1:10:2]} with a step, several ranges in one name.
 */
final class HostRange {
    /** At most this many hosts from one name: a typo like web[1:9999999] fails instead of filling memory. */
    static final int MAX_HOSTS = 100_000;
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /** A range that cannot be expanded; the message says why. */
    static final class BadRange extends Exception {
        BadRange(String message) {
            super(message, null, false, false);
        }
    }

    private HostRange() {
    }

    static boolean hasRange(String name) {
        return name.indexOf('[') >= 0;
    }

    static List<String> expand(String name) throws BadRange {
        List<String> out = new ArrayList<>();
        if (!hasRange(name)) {
            out.add(name);
            return out;
        }
        int open = name.indexOf('[');
        int close = name.indexOf(']', open);
        if (close < 0) {
            throw new BadRange("'[' without a closing ']'");
        }
        String head = name.substring(0, open);
        String tail = name.substring(close + 1);
        for (String item : items(name.substring(open + 1, close))) {
            out.addAll(expand(head + item + tail));
            if (out.size() > MAX_HOSTS) {
                throw tooMany(name);
            }
        }
        return out;
    }

    private static BadRange tooMany(String name) {
        return new BadRange("'" + name + "' names more than " + MAX_HOSTS + " hosts; one inventory line may name at most "
                + MAX_HOSTS + " (split it, or check the range for a typo)");
    }

    private static List<String> items(String range) throws BadRange {
        String[] bounds = range.split(":", -1);
        if (bounds.length != 2 && bounds.length != 3) {
            throw new BadRange("expected [begin:end] or [begin:end:step], got [" + range + "]");
        }
        String begin = bounds[0].isEmpty() ? "0" : bounds[0];
        String end = bounds[1];
        if (end.isEmpty()) {
            throw new BadRange("the range [" + range + "] has no end value");
        }
        int step = bounds.length == 3 ? number(bounds[2], range) : 1;
        if (step < 1) {
            throw new BadRange("the step of [" + range + "] must be 1 or more");
        }
        if (begin.length() == 1 && end.length() == 1 && LETTERS.contains(begin) && LETTERS.contains(end)) {
            return letters(LETTERS.indexOf(begin), LETTERS.indexOf(end), step, range);
        }
        int width = begin.length() > 1 && begin.charAt(0) == '0' ? begin.length() : 0;
        if (width > 0 && width != end.length()) {
            throw new BadRange("zero-padded [" + range + "] needs begin and end of the same width, like [01:20]");
        }
        int from = number(begin, range);
        int to = number(end, range);
        if (from > to) {
            throw new BadRange("the range [" + range + "] begins after its end");
        }
        if (((long) to - from) / step + 1 > MAX_HOSTS) {
            throw tooMany("[" + range + "]");
        }
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i += step) {
            String digits = Integer.toString(i);
            out.add(width > digits.length() ? "0".repeat(width - digits.length()) + digits : digits);
        }
        return out;
    }

    private static List<String> letters(int from, int to, int step, String range) throws BadRange {
        if (from > to) {
            throw new BadRange("the range [" + range + "] begins after its end");
        }
        if (((long) to - from) / step + 1 > MAX_HOSTS) {
            throw tooMany("[" + range + "]");
        }
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i += step) {
            out.add(String.valueOf(LETTERS.charAt(i)));
        }
        return out;
    }

    private static int number(String text, String range) throws BadRange {
        if (!text.matches("[0-9]{1,9}")) {
            throw new BadRange("[" + range + "] is neither a number range like [1:9] nor a letter range like [a:f]");
        }
        return Integer.parseInt(text);
    }
}

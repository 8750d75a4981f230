package dev.runbook.template.jinja;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Version strings compared like Python's LooseVersion, which Ansible's {@code version} test uses:
 * runs of digits compare as numbers, runs of letters as text, so 4.0.2.3 &lt; 4.0.10.0.
 */
record LooseVersion(String text, List<Object> parts) implements Comparable<LooseVersion> {
    private static final Pattern COMPONENT = Pattern.compile("\\d+|[a-z]+|\\.");

    static LooseVersion parse(String text) {
        List<Object> parts = new ArrayList<>();
        Matcher m = COMPONENT.matcher(text);
        int last = 0;
        while (m.find()) {
            add(parts, text.substring(last, m.start()));
            add(parts, m.group());
            last = m.end();
        }
        add(parts, text.substring(last));
        return new LooseVersion(text, parts);
    }

    private static void add(List<Object> parts, String piece) {
        if (piece.isEmpty() || piece.equals(".")) {
            return;
        }
        parts.add(piece.chars().allMatch(Character::isDigit) ? new BigInteger(piece) : piece);
    }

    @Override
    public int compareTo(LooseVersion other) {
        for (int i = 0; i < Math.min(parts.size(), other.parts.size()); i++) {
            Object a = parts.get(i);
            Object b = other.parts.get(i);
            int c;
            if (a instanceof BigInteger x && b instanceof BigInteger y) {
                c = x.compareTo(y);
            } else if (a instanceof String x && b instanceof String y) {
                c = x.compareTo(y);
            } else {
                throw new FilterFailure("version comparison failed: cannot compare '" + text + "' with '"
                    + other.text + "' (" + a + " is " + kind(a) + ", " + b + " is " + kind(b) + ")");
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(parts.size(), other.parts.size());
    }

    private static String kind(Object part) {
        return part instanceof BigInteger ? "a number" : "text";
    }

    /** Ansible's operators: {@code <, lt, <=, le, >, gt, >=, ge, ==, =, eq, !=, <>, ne}. */
    static boolean compare(Object left, Object right, String operator) {
        if (left == null || right == null) {
            throw new FilterFailure("version comparison needs two versions, got " + Py.repr(left) + " and " + Py.repr(right));
        }
        int c = parse(Py.str(left)).compareTo(parse(Py.str(right)));
        return switch (operator.toLowerCase(Locale.ROOT)) {
            case "<", "lt" -> c < 0;
            case "<=", "le" -> c <= 0;
            case ">", "gt" -> c > 0;
            case ">=", "ge" -> c >= 0;
            case "==", "=", "eq" -> c == 0;
            case "!=", "<>", "ne" -> c != 0;
            default -> throw new FilterFailure("invalid version operator '" + operator
                + "' (use <, lt, <=, le, >, gt, >=, ge, ==, eq, != or ne)");
        };
    }
}

package dev.runbook.inventory;

import java.math.BigInteger;
import java.util.regex.Pattern;

/** Python 3 number literals: ints in any base with underscores, floats; nothing else. */
final class PythonNumbers {
    private static final String DIGITS = "[0-9](?:_?[0-9])*";
    private static final Pattern DECIMAL = Pattern.compile("[1-9](?:_?[0-9])*|0(?:_?0)*");
    private static final Pattern BASED = Pattern.compile("0(?:[xX](?:_?[0-9a-fA-F])+|[oO](?:_?[0-7])+|[bB](?:_?[01])+)");
    private static final Pattern FLOAT = Pattern.compile("(?:(?:" + DIGITS + ")?\\." + DIGITS + "|" + DIGITS + "\\.)"
            + "(?:[eE][+-]?" + DIGITS + ")?|" + DIGITS + "[eE][+-]?" + DIGITS);

    private PythonNumbers() {
    }

    /** Integer, Long, BigInteger or Double; null when the text is not a Python number. */
    static Object parse(String text) {
        if (DECIMAL.matcher(text).matches()) {
            return narrow(new BigInteger(text.replace("_", "")));
        }
        if (BASED.matcher(text).matches()) {
            int radix = switch (Character.toLowerCase(text.charAt(1))) {
                case 'x' -> 16;
                case 'o' -> 8;
                default -> 2;
            };
            return narrow(new BigInteger(text.substring(2).replace("_", ""), radix));
        }
        if (FLOAT.matcher(text).matches()) {
            return Double.valueOf(text.replace("_", ""));
        }
        return null;
    }

    /** The smallest Java type that holds the value, as YAML loading does. */
    static Object narrow(BigInteger n) {
        if (n.bitLength() < 32) {
            return n.intValue();
        }
        if (n.bitLength() < 64) {
            return n.longValue();
        }
        return n;
    }
}

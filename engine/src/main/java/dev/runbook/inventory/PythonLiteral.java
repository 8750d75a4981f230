package dev.runbook.inventory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Ansible's INI reader does to a value: Python's {@code ast.literal_eval}, keeping the text
 * when it is not a literal. So {@code 8080} is an int, {@code True} a boolean, {@code 'a b'} the
 * string without quotes, {@code [1, 2]} a list, and {@code yes}, {@code true} or {@code 007} stay
 * strings. Complex numbers and sets are kept as text.
 */
final class PythonLiteral {
    /** String prefixes: u (text), r (raw), b (bytes, which Ansible turns back into text). */
    private static final java.util.regex.Pattern PREFIX = java.util.regex.Pattern.compile("(?i)[ubr]?|br|rb");

    private final String src;
    private int pos;

    private static final class NotALiteral extends Exception {
        NotALiteral() {
            super(null, null, false, false);
        }
    }

    private PythonLiteral(String src) {
        this.src = src;
    }

    /** The Python value of {@code text}, or {@code text} itself when it is not a literal. */
    static Object value(String text) {
        PythonLiteral p = new PythonLiteral(text);
        try {
            p.skipSpace();
            Object v = p.expression();
            p.skipSpace();
            return p.pos == text.length() ? v : text;
        } catch (NotALiteral | RuntimeException e) {
            return text;
        }
    }

    private Object expression() throws NotALiteral {
        char c = peek();
        if (c == '-' || c == '+') {
            pos++;
            skipSpace();
            Object n = number();
            return c == '-' ? negate(n) : n;
        }
        if (c == '[') {
            pos++;
            return items(']');
        }
        if (c == '(') {
            pos++;
            return parenthesised();
        }
        if (c == '{') {
            pos++;
            return dict();
        }
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        return wordOrString();
    }

    private Object wordOrString() throws NotALiteral {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        String word = src.substring(start, pos);
        if (pos < src.length() && (src.charAt(pos) == '\'' || src.charAt(pos) == '"')
                && PREFIX.matcher(word).matches()) {
            return strings(word.toLowerCase().contains("r"));
        }
        switch (word) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return null;
            default:
                throw new NotALiteral();
        }
    }

    /** Adjacent string literals join, as in Python. */
    private String strings(boolean raw) throws NotALiteral {
        StringBuilder sb = new StringBuilder(PythonStrings.read(this::charAt, this::advance, raw));
        while (true) {
            int save = pos;
            skipSpace();
            int start = pos;
            while (pos < src.length() && Character.isLetter(src.charAt(pos))) {
                pos++;
            }
            String prefix = src.substring(start, pos);
            if (pos < src.length() && (peek() == '\'' || peek() == '"') && PREFIX.matcher(prefix).matches()) {
                sb.append(PythonStrings.read(this::charAt, this::advance, prefix.toLowerCase().contains("r")));
            } else {
                pos = save;
                return sb.toString();
            }
        }
    }

    private Object parenthesised() throws NotALiteral {
        skipSpace();
        if (peek() == ')') {
            pos++;
            return new ArrayList<>();
        }
        Object first = expression();
        skipSpace();
        if (peek() == ')') {
            pos++;
            return first;
        }
        expect(',');
        List<Object> tuple = items(')');
        tuple.add(0, first);
        return tuple;
    }

    private List<Object> items(char close) throws NotALiteral {
        List<Object> out = new ArrayList<>();
        skipSpace();
        while (peek() != close) {
            out.add(expression());
            skipSpace();
            if (peek() != close) {
                expect(',');
                skipSpace();
            }
        }
        pos++;
        return out;
    }

    private Map<String, Object> dict() throws NotALiteral {
        Map<String, Object> out = new LinkedHashMap<>();
        skipSpace();
        while (peek() != '}') {
            Object key = expression();
            skipSpace();
            expect(':');
            skipSpace();
            out.put(String.valueOf(key), expression());
            skipSpace();
            if (peek() != '}') {
                expect(',');
                skipSpace();
            }
        }
        pos++;
        return out;
    }

    private Object number() throws NotALiteral {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_'
                || src.charAt(pos) == '.' || isExponentSign())) {
            pos++;
        }
        Object n = PythonNumbers.parse(src.substring(start, pos));
        if (n == null) {
            throw new NotALiteral();
        }
        return n;
    }

    private boolean isExponentSign() {
        char c = src.charAt(pos);
        return (c == '+' || c == '-') && pos > 0 && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')
                && !src.substring(0, pos).matches("(?s).*0[xX][0-9a-fA-F_]*");
    }

    private static Object negate(Object n) {
        if (n instanceof Integer i) {
            return i == Integer.MIN_VALUE ? (Object) (-(long) i) : (Object) (-i);
        }
        if (n instanceof Long l) {
            return PythonNumbers.narrow(BigInteger.valueOf(l).negate());
        }
        if (n instanceof BigInteger b) {
            return PythonNumbers.narrow(b.negate());
        }
        return -(Double) n;
    }

    private void expect(char c) throws NotALiteral {
        if (peek() != c) {
            throw new NotALiteral();
        }
        pos++;
    }

    private char peek() throws NotALiteral {
        if (pos >= src.length()) {
            throw new NotALiteral();
        }
        return src.charAt(pos);
    }

    private int charAt(int offset) {
        int i = pos + offset;
        return i < src.length() ? src.charAt(i) : -1;
    }

    private void advance(int n) {
        pos += n;
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }
}

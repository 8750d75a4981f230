package dev.runbook.template.jinja;

/**
 * Rewrites string literals from Python's escape rules to the ones jinjava's lexer accepts.
 * Python keeps unknown escapes ({@code '\d+'} is backslash, d, plus), which Ansible regexes rely
 * on everywhere; jinjava rejects them. Also Jinja2's numeric attributes: {@code item.0} is
 * {@code item[0]} (with_subelements, with_together), which jinjava cannot parse. Only text
 * inside {@code {{ }}} and {@code {% %}} is touched.
 */
final class PyLiterals {
    private static final java.util.regex.Pattern DOT_DIGIT = java.util.regex.Pattern.compile("[\\w\\])]\\.\\d");

    private PyLiterals() {
    }

    /** A whole template: literals inside expressions and tags are rewritten, text is kept. */
    static String template(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('{', s.indexOf("{{") + 2) < 0 && !DOT_DIGIT.matcher(s).find()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        int i = 0;
        while (i < s.length()) {
            int open = nextOpening(s, i);
            if (open < 0) {
                out.append(s, i, s.length());
                break;
            }
            out.append(s, i, open + 2);
            String close = s.charAt(open + 1) == '{' ? "}}" : "%}";
            i = code(s, open + 2, close, out);
            if (close.equals("%}") && isRawTag(s, open, i)) {
                int end = s.indexOf("endraw", i);
                int stop = end < 0 ? s.length() : s.indexOf("%}", end);
                stop = stop < 0 ? s.length() : stop + 2;
                out.append(s, i, stop);
                i = stop;
            }
        }
        return out.toString();
    }

    /** A bare expression. */
    static String expression(String s) {
        if (s.indexOf('\\') < 0 && !DOT_DIGIT.matcher(s).find()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        code(s, 0, null, out);
        return out.toString();
    }

    private static int nextOpening(String s, int from) {
        int a = s.indexOf("{{", from);
        int b = s.indexOf("{%", from);
        int c = s.indexOf("{#", from);
        int first = min(min(a, b), c);
        if (first >= 0 && first == c) {
            int end = s.indexOf("#}", c + 2);
            return end < 0 ? -1 : nextOpening(s, end + 2);
        }
        return first;
    }

    private static int min(int a, int b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    private static boolean isRawTag(String s, int open, int end) {
        String body = s.substring(open + 2, Math.max(open + 2, end - 2)).replace("-", "").trim();
        return body.equals("raw");
    }

    /** Copies code up to and including {@code close} (or to the end), rewriting literals. */
    /**
     * Copies code up to and including {@code close} (or to the end), rewriting literals. Braces
     * are balanced as in Jinja2's lexer: a {@code }}} closing nested dicts does not end the
     * expression (it is written {@code } }} for jinjava).
     */
    private static int code(String s, int from, String close, StringBuilder out) {
        int i = from;
        int depth = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (close != null && s.startsWith(close, i) && (depth == 0 || !close.equals("}}"))) {
                out.append(close);
                return i + 2;
            }
            if (c == '\'' || c == '"') {
                i = literal(s, i, out);
                continue;
            }
            if (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)) && subscriptable(out)) {
                int end = i + 1;
                while (end < s.length() && Character.isDigit(s.charAt(end))) {
                    end++;
                }
                out.append('[').append(s, i + 1, end).append(']');
                i = end;
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
                out.append(c);
                i++;
                if (i < s.length() && s.charAt(i) == '}') {
                    out.append(' ');
                }
                continue;
            }
            out.append(c);
            i++;
        }
        return i;
    }

    /** Whether what was written last is a name, or ends with ] or ): then {@code .0} is an item, not a decimal point. */
    private static boolean subscriptable(StringBuilder out) {
        int end = out.length();
        if (end == 0) {
            return false;
        }
        char last = out.charAt(end - 1);
        if (last == ']' || last == ')') {
            return true;
        }
        int start = end;
        while (start > 0 && (Character.isLetterOrDigit(out.charAt(start - 1)) || out.charAt(start - 1) == '_')) {
            start--;
        }
        return start < end && (Character.isLetter(out.charAt(start)) || out.charAt(start) == '_');
    }

    private static int literal(String s, int start, StringBuilder out) {
        char quote = s.charAt(start);
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != quote) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                i = PyEscapes.decode(s, i, value);
            } else {
                value.append(c);
                i++;
            }
        }
        out.append(quote).append(value.toString().replace("\\", "\\\\").replace(String.valueOf(quote), "\\" + quote))
            .append(quote);
        return Math.min(i + 1, s.length());
    }
}

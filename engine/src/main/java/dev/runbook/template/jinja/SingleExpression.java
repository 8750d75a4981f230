package dev.runbook.template.jinja;

/**
 * Finds strings that are exactly one {@code {{ expression }}}: those keep the expression's
 * native type. {@code "{{ a }} {{ b }}"} and {@code " {{ a }}"} are text.
 */
public final class SingleExpression {
    private SingleExpression() {
    }

    /** The expression inside the braces, or null when the string is not a single expression. */
    public static String of(String s) {
        if (!s.startsWith("{{") || !s.endsWith("}}") || s.length() < 4) {
            return null;
        }
        char quote = 0;
        int depth = 0;
        for (int i = 2; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == '}') {
                return i == s.length() - 2 && s.charAt(i + 1) == '}' ? s.substring(2, i) : null;
            }
        }
        return null;
    }
}

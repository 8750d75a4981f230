package dev.runbook.template;

import com.hubspot.jinjava.interpret.TemplateError;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Jinjava's error messages, without the parts that only make sense to jinjava's developers. */
final class JinjavaMessages {
    private static final Pattern PARSE = Pattern.compile(
        "(?s)Error parsing '(.*)': syntax error at position \\d+, encountered (.+?), expected.*");
    private static final Pattern PARSE_OTHER = Pattern.compile("(?s)Error parsing '(.*)': (.*)");
    private static final Pattern END_TAG = Pattern.compile(
        "(?s).*Missing end tag: (\\w+) for tag defined as: (.*)");
    private static final Pattern UNKNOWN_TAG = Pattern.compile("(?s)Syntax error in '(.*)': Unknown tag: (\\S+)");
    private static final Pattern SYNTAX_IN = Pattern.compile("(?s)Syntax error in '(.*?)': (.*)");

    private JinjavaMessages() {
    }

    static String clean(TemplateError error) {
        String m = error.getMessage() == null ? error.getReason().name() : error.getMessage().trim();
        m = m.replaceFirst("^[a-zA-Z]*Exception: ", "");
        Matcher x = PARSE.matcher(m);
        if (x.matches()) {
            String token = x.group(2);
            return "syntax error in expression '" + x.group(1).trim() + "': "
                + ("'}'".equals(token) ? "it ends too early" : "unexpected " + token);
        }
        if ((x = PARSE_OTHER.matcher(m)).matches()) {
            return "syntax error in expression '" + x.group(1).trim() + "': " + x.group(2).replaceAll("position \\d+, ", "");
        }
        if ((x = END_TAG.matcher(m)).matches()) {
            return "syntax error: " + x.group(2).trim() + " is never closed (missing {% " + x.group(1) + " %})";
        }
        if ((x = UNKNOWN_TAG.matcher(m)).matches()) {
            return "syntax error: unknown tag '" + x.group(2) + "'";
        }
        if ((x = SYNTAX_IN.matcher(m)).matches()) {
            return "syntax error in " + x.group(1) + ": " + lowerFirst(x.group(2));
        }
        if (m.equals("Missing start tag")) {
            return "syntax error: an end tag has no matching start tag";
        }
        if (m.equals("Unclosed token")) {
            return "syntax error: a '{{' is not closed by '}}'";
        }
        return lowerFirst(m.split("\n")[0]);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}

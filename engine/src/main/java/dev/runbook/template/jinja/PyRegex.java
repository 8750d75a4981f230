package dev.runbook.template.jinja;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Python regular expression run by java.util.regex: {@code (?P<name>)} groups (whose names
 * may hold underscores, which Java's may not) and {@code \1} / {@code \g<name>} replacements.
 */
record PyRegex(Pattern pattern, Map<String, String> groupNames) {
    private static final Pattern PY_GROUP = Pattern.compile("\\(\\?P<([A-Za-z_][A-Za-z0-9_]*)>");
    private static final Pattern PY_BACKREF = Pattern.compile("\\(\\?P=([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final Pattern TEMPLATE_REF = Pattern.compile("\\\\(?:g<([^>]+)>|(\\d{1,2})|(.))", Pattern.DOTALL);

    static PyRegex compile(String regex, boolean ignoreCase, boolean multiline) {
        Map<String, String> names = new LinkedHashMap<>();
        Matcher m = PY_GROUP.matcher(regex);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String javaName = "g" + names.size() + "x" + m.group(1).replace("_", "");
            names.put(m.group(1), javaName);
            m.appendReplacement(sb, Matcher.quoteReplacement("(?<" + javaName + ">"));
        }
        m.appendTail(sb);
        String javaRegex = PY_BACKREF.matcher(sb.toString()).replaceAll(r -> {
            String n = names.get(r.group(1));
            return Matcher.quoteReplacement(n == null ? r.group() : "\\k<" + n + ">");
        });
        int flags = (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0) | (multiline ? Pattern.MULTILINE : 0);
        try {
            return new PyRegex(Pattern.compile(javaRegex, flags), names);
        } catch (PatternSyntaxException e) {
            throw new FilterFailure("invalid regular expression '" + regex + "': " + e.getDescription());
        }
    }

    /** The text of group {@code ref} ("1", "name"), empty when the group did not take part. */
    String group(Matcher m, String ref) {
        String g;
        try {
            g = ref.matches("\\d+") ? m.group(Integer.parseInt(ref)) : m.group(groupNames.getOrDefault(ref, ref));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new FilterFailure("no group '" + ref + "' in the regular expression '" + pattern + "'");
        }
        return g == null ? "" : g;
    }

    /** Match.group: None when the group did not take part. */
    Object groupOrNone(Matcher m, String ref) {
        String g = group(m, ref);
        boolean participated = ref.matches("\\d+") ? m.start(Integer.parseInt(ref)) >= 0
            : m.start(groupNames.getOrDefault(ref, ref)) >= 0;
        return participated ? g : null;
    }

    /** Python's Match.expand: {@code \1}, {@code \g<1>}, {@code \g<name>}, {@code \n}, {@code \\}. */
    String expand(Matcher m, String template) {
        Matcher t = TEMPLATE_REF.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (t.find()) {
            String rep;
            if (t.group(1) != null) {
                rep = group(m, t.group(1));
            } else if (t.group(2) != null) {
                rep = group(m, t.group(2));
            } else {
                rep = switch (t.group(3)) {
                    case "n" -> "\n";
                    case "t" -> "\t";
                    case "r" -> "\r";
                    case "\\" -> "\\";
                    default -> "\\" + t.group(3);
                };
            }
            t.appendReplacement(sb, Matcher.quoteReplacement(rep));
        }
        t.appendTail(sb);
        return sb.toString();
    }

    /** Group reference as written in a regex_search argument: {@code '\\1'} or {@code '\\g<name>'}. */
    static String refOf(String arg) {
        if (arg.startsWith("\\g<") && arg.endsWith(">")) {
            return arg.substring(3, arg.length() - 1);
        }
        if (arg.matches("\\\\\\d+")) {
            return arg.substring(1);
        }
        throw new FilterFailure("regex_search: a group must be written '\\\\1' or '\\\\g<name>', not '" + arg + "'");
    }
}

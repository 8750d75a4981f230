package dev.runbook.modules.files;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Python regular expressions, as Ansible users write them, on Java's engine: {@code (?P<name>)}
 * groups, only "\n" ends a line (Python's {@code $}), and {@code \1} / {@code \g<name>}
 * back-references in replacement lines.
 */
final class PyRegex {
    private PyRegex() {
    }

    static Pattern compile(String regex, String argName) throws IllegalArgumentException {
        String java = regex.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
        try {
            return Pattern.compile(java, Pattern.UNIX_LINES);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(argName + " '" + regex + "' is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    /** Python's {@code match.expand(template)}: \1..\99, \g<n>, \g<name>, and \n \t \\ escapes. */
    static String expand(Matcher m, String template) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '\\' || i + 1 == template.length()) {
                out.append(c);
                continue;
            }
            char n = template.charAt(++i);
            if (Character.isDigit(n)) {
                int end = i + 1 < template.length() && Character.isDigit(template.charAt(i + 1)) ? i + 2 : i + 1;
                out.append(group(m, template.substring(i, end)));
                i = end - 1;
            } else if (n == 'g' && i + 1 < template.length() && template.charAt(i + 1) == '<') {
                int close = template.indexOf('>', i);
                out.append(group(m, template.substring(i + 2, close)));
                i = close;
            } else {
                out.append(switch (n) {
                    case 'n' -> "\n";
                    case 't' -> "\t";
                    case 'r' -> "\r";
                    case '\\' -> "\\";
                    default -> "\\" + n;
                });
            }
        }
        return out.toString();
    }

    private static String group(Matcher m, String ref) {
        String g = ref.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(ref)) : m.group(ref);
        return g == null ? "" : g;
    }
}

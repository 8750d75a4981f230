package dev.runbook.modules.files;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Python regular expressions, as Ansible users write them, on Java's engine: {@code (?P<name>)}
 * groups and {@code (?P=name)} references, {@code \Z}, a {@code {} that starts no repetition taken
 * literally, {@code [} inside a class taken literally, Unicode {@code \w \d \s}, only "\n" ends a
 * line, {@code ^} in multi-line mode also matching after a final newline (as Python's does), and
 * {@code \1} / {@code \g<name>} back-references in replacement templates.
 */
public final class PyRegex {
    private static final Pattern REPEAT = Pattern.compile("\\{(\\d*)(,\\d*)?}");

    private PyRegex() {
    }

    static Pattern compile(String regex, String argName) throws IllegalArgumentException {
        return compile(regex, argName, 0);
    }

    /**
     * @param flags Java flags to add: {@link Pattern#MULTILINE} (Python's re.M), {@link Pattern#DOTALL}
     *              (re.S), {@link Pattern#CASE_INSENSITIVE}
     */
    public static Pattern compile(String regex, String argName, int flags) throws IllegalArgumentException {
        try {
            return Pattern.compile(toJava(regex, (flags & Pattern.MULTILINE) != 0),
                    flags | Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(argName + " '" + regex + "' is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    /** Rewrites the constructs whose meaning differs between Python's re and java.util.regex. */
    static String toJava(String py, boolean multiline) {
        StringBuilder out = new StringBuilder(py.length() + 16);
        boolean inClass = false;
        int classStart = -1;
        for (int i = 0; i < py.length(); i++) {
            char c = py.charAt(i);
            if (c == '\\' && i + 1 < py.length()) {
                char n = py.charAt(++i);
                out.append(n == 'Z' && !inClass ? "\\z" : "\\" + n);
                continue;
            }
            if (inClass) {
                if (c == ']' && i == classStart) {
                    out.append("\\]");
                } else if (c == ']') {
                    inClass = false;
                    out.append(c);
                } else if (c == '[' || c == '&' && i + 1 < py.length() && py.charAt(i + 1) == '&') {
                    out.append('\\').append(c);
                } else {
                    out.append(c);
                }
                continue;
            }
            if (c == '[') {
                inClass = true;
                out.append(c);
                if (i + 1 < py.length() && py.charAt(i + 1) == '^') {
                    out.append('^');
                    i++;
                }
                classStart = i + 1;
            } else if (c == '(' && py.startsWith("(?P<", i)) {
                out.append("(?<");
                i += 3;
            } else if (c == '(' && py.startsWith("(?P=", i) && py.indexOf(')', i) > 0) {
                int close = py.indexOf(')', i);
                out.append("\\k<").append(py, i + 4, close).append('>');
                i = close;
            } else if (c == '{' && !startsRepeat(py, i)) {
                out.append("\\{");
            } else if (c == '^' && multiline) {
                out.append("(?<![^\\n])"); // start, or after any "\n", even the last one
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean startsRepeat(String py, int i) {
        Matcher m = REPEAT.matcher(py).region(i, py.length());
        return m.lookingAt() && !(m.group(1).isEmpty() && m.group(2) == null) && i > 0;
    }

    /** Python's {@code match.expand(template)}: \1..\99, \g<n>, \g<name>, and \n \t \\ escapes. */
    public static String expand(Matcher m, String template) {
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
            } else if (n == 'g' && i + 1 < template.length() && template.charAt(i + 1) == '<' && template.indexOf('>', i) > 0) {
                int close = template.indexOf('>', i);
                out.append(group(m, template.substring(i + 2, close)));
                i = close;
            } else {
                out.append(switch (n) {
                    case 'n' -> "\n";
                    case 't' -> "\t";
                    case 'r' -> "\r";
                    case 'f' -> "\f";
                    case 'v' -> "\u000b";
                    case 'a' -> "\u0007";
                    case 'b' -> "\b";
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

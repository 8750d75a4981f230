package dev.runbook.modules.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * rsync-like exclude patterns, matched against paths relative to the tree's root:
 * <ul>
 * <li>{@code config.php}: a name without '/' matches that name at any depth;</li>
 * <li>{@code /admin/config.php}: a leading '/' anchors the pattern to the root;</li>
 * <li>{@code cache/}: a trailing '/' matches directories only;</li>
 * <li>{@code *.log}: '*' matches within one name, '?' one character, {@code [a-z]} a class;</li>
 * <li>{@code storage/**}: '**' matches across '/', {@code **}{@code /} also matches no directory.</li>
 * </ul>
 * A path is excluded when it or any of its parent directories matches, as rsync never descends
 * into an excluded directory.
 */
public final class PathFilter {
    private static final PathFilter NONE = new PathFilter(List.of(), List.of());
    private final List<String> patterns;
    private final List<Rule> rules;

    private PathFilter(List<String> patterns, List<Rule> rules) {
        this.patterns = List.copyOf(patterns);
        this.rules = List.copyOf(rules);
    }

    public static PathFilter none() {
        return NONE;
    }

    /** Compiles patterns; blank ones are an error a user can fix. */
    public static PathFilter of(List<String> patterns) {
        List<Rule> rules = new ArrayList<>();
        for (String p : patterns) {
            if (p == null || p.isBlank() || p.equals("/")) {
                throw new IllegalArgumentException("an exclude pattern is empty; write a name such as 'config.php' or 'cache/'");
            }
            rules.add(Rule.compile(p.strip()));
        }
        return new PathFilter(patterns, rules);
    }

    public List<String> patterns() {
        return patterns;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** True when {@code path} or one of its parent directories is excluded. */
    public boolean excludes(String path, boolean isDir) {
        if (rules.isEmpty()) {
            return false;
        }
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            if (matchesAny(path.substring(0, i), true)) {
                return true;
            }
        }
        return matchesAny(path, isDir);
    }

    private boolean matchesAny(String path, boolean isDir) {
        for (Rule r : rules) {
            if (r.matches(path, isDir)) {
                return true;
            }
        }
        return false;
    }

    private record Rule(Pattern regex, boolean anchored, boolean dirOnly, boolean wholePath) {
        static Rule compile(String pattern) {
            boolean anchored = pattern.startsWith("/");
            boolean dirOnly = pattern.endsWith("/");
            String body = pattern.substring(anchored ? 1 : 0, pattern.length() - (dirOnly ? 1 : 0));
            boolean wholePath = body.contains("/") || body.contains("**");
            return new Rule(Pattern.compile(toRegex(body)), anchored, dirOnly, wholePath);
        }

        boolean matches(String path, boolean isDir) {
            if (dirOnly && !isDir) {
                return false;
            }
            if (anchored) {
                return regex.matcher(path).matches();
            }
            if (!wholePath) {
                return regex.matcher(path.substring(path.lastIndexOf('/') + 1)).matches();
            }
            // Unanchored patterns with a '/' match any trailing run of whole path components.
            int i = 0;
            while (!regex.matcher(path.substring(i)).matches()) {
                int next = path.indexOf('/', i);
                if (next < 0) {
                    return false;
                }
                i = next + 1;
            }
            return true;
        }
    }

    static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && glob.startsWith("**/", i)) {
                re.append("(?:.*/)?");
                i += 2;
            } else if (c == '*' && glob.startsWith("**", i)) {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[' && glob.indexOf(']', i + 2) > 0) {
                int end = glob.indexOf(']', i + 2);
                String cls = glob.substring(i + 1, end);
                re.append('[').append(cls.startsWith("!") ? "^" + quoteClass(cls.substring(1)) : quoteClass(cls)).append(']');
                i = end;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    private static String quoteClass(String cls) {
        return cls.replace("\\", "\\\\").replace("[", "\\[").replace("&&", "\\&\\&");
    }

    @Override
    public String toString() {
        return String.join(", ", patterns);
    }
}

package dev.runbook.modules.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible find's filters, with its exact semantics: name patterns are shell globs (Python's
 * fnmatch: {@code *} also matches a leading dot) or, with use_regex, Python regexes matched at the
 * start of the name; excludes only apply to names a pattern matched; age and size keep what is at
 * least that old/large, or with a minus sign at most.
 */
final class FindFilters {
    private static final Pattern AGE = Pattern.compile("^(-?\\d+)([smhdw])?$");
    private static final Pattern SIZE = Pattern.compile("^(-?\\d+)([bkmgt])?$");

    private final List<Pattern> patterns;
    private final List<Pattern> excludes;
    private final Long age;
    private final Long size;

    FindFilters(List<String> patterns, List<String> excludes, boolean regex, String age, String size) {
        List<String> p = patterns.isEmpty() ? List.of(regex ? ".*" : "*") : patterns;
        this.patterns = compile(p, regex, "patterns");
        this.excludes = compile(excludes, regex, "excludes");
        this.age = age == null ? null : amount(age, AGE, "age", "smhdw", new long[] {1, 60, 3600, 86400, 604800});
        this.size = size == null ? null : amount(size, SIZE, "size", "bkmgt", new long[] {1, 1L << 10, 1L << 20, 1L << 30, 1L << 40});
    }

    /** Ansible's pfilter: a pattern matches and, if one did, no exclude does. */
    boolean name(String name) {
        for (Pattern p : patterns) {
            if (p.matcher(name).lookingAt()) {
                return excludes.stream().noneMatch(e -> e.matcher(name).lookingAt());
            }
        }
        return false;
    }

    /** Ansible's agefilter: at least {@code age} seconds old, or at most for a negative age. */
    boolean age(double now, double stamp) {
        if (age == null) {
            return true;
        }
        return age >= 0 ? now - stamp >= Math.abs(age) : now - stamp <= Math.abs(age);
    }

    /** Ansible's sizefilter: at least {@code size} bytes, or at most for a negative size. */
    boolean size(long bytes) {
        if (size == null) {
            return true;
        }
        return size >= 0 ? bytes >= Math.abs(size) : bytes <= Math.abs(size);
    }

    private static List<Pattern> compile(List<String> list, boolean regex, String arg) {
        List<Pattern> out = new ArrayList<>();
        for (String s : list) {
            if (regex) {
                out.add(PyRegex.compile(s, arg));
            } else {
                // fnmatch's translation ends with \Z: the whole name must match.
                out.add(Pattern.compile(glob(s) + "\\z", Pattern.DOTALL));
            }
        }
        return out;
    }

    private static long amount(String text, Pattern form, String arg, String units, long[] factors) {
        Matcher m = form.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("failed to process " + arg + ": '" + text + "' (a number with an optional unit, one of "
                    + String.join(", ", units.split("")) + "; a leading minus means at most)");
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2) == null ? n : n * factors[units.indexOf(m.group(2))];
    }

    /** Python's fnmatch.translate: * ? [seq] [!seq]; everything else literal. */
    static String glob(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        int n = glob.length();
        while (i < n) {
            char c = glob.charAt(i++);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && glob.charAt(j) == '!') {
                    j++;
                }
                if (j < n && glob.charAt(j) == ']') {
                    j++;
                }
                while (j < n && glob.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    re.append("\\[");
                } else {
                    String stuff = glob.substring(i, j).replace("\\", "\\\\");
                    i = j + 1;
                    if (stuff.startsWith("!")) {
                        stuff = "^" + stuff.substring(1);
                    } else if (stuff.startsWith("^")) {
                        stuff = "\\" + stuff;
                    }
                    re.append('[').append(stuff.replace("[", "\\[").replace("&&", "&\\&")).append(']');
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}

package dev.runbook.inventory;

import java.util.regex.Pattern;

/** Python's fnmatch.translate: '*', '?', '[seq]' and '[!seq]', matching the whole name. */
final class Glob {
    private Glob() {
    }

    static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = closing(glob, i);
                if (j < 0) {
                    re.append("\\[");
                } else {
                    re.append(bracket(glob.substring(i, j)));
                    i = j + 1;
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return "(?s:" + re + ")\\z";
    }

    /** Index of the ']' closing a bracket opened before {@code i}, or -1. */
    private static int closing(String glob, int i) {
        int j = i;
        if (j < glob.length() && glob.charAt(j) == '!') {
            j++;
        }
        if (j < glob.length() && glob.charAt(j) == ']') {
            j++;
        }
        while (j < glob.length() && glob.charAt(j) != ']') {
            j++;
        }
        return j < glob.length() ? j : -1;
    }

    private static String bracket(String body) {
        StringBuilder set = new StringBuilder("[");
        int k = 0;
        if (body.startsWith("!")) {
            set.append('^');
            k = 1;
        }
        for (; k < body.length(); k++) {
            char c = body.charAt(k);
            if (c == '\\' || c == '[' || c == '&' || c == '^' && k == 0 || c == ']') {
                set.append('\\');
            }
            set.append(c);
        }
        return set.append(']').toString();
    }
}

package dev.runbook.modules.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One line of an authorized_keys file: options, key type, base64 key and comment. Two lines are
 * the same key when their type and base64 blob are equal. Lines that are not keys (comments,
 * blank lines) have a null type and are kept as they are.
 */
record KeyLine(String options, String type, String blob, String comment, String raw) {
    private static final Pattern TYPE = Pattern.compile("(?:ssh|ecdsa|sk)-[A-Za-z0-9@.+-]+");

    static KeyLine parse(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
            return new KeyLine(null, null, null, null, line);
        }
        List<String> tokens = tokens(t);
        for (int i = 0; i + 1 < tokens.size() && i <= 1; i++) {
            if (TYPE.matcher(tokens.get(i)).matches() && tokens.get(i + 1).startsWith("AAAA")) {
                String options = i == 1 ? tokens.get(0) : null;
                String comment = tokens.size() > i + 2 ? String.join(" ", tokens.subList(i + 2, tokens.size())) : null;
                return new KeyLine(options, tokens.get(i), tokens.get(i + 1), comment, line);
            }
        }
        return new KeyLine(null, null, null, null, line);
    }

    boolean isKey() {
        return type != null;
    }

    boolean sameKey(KeyLine other) {
        return isKey() && type.equals(other.type) && blob.equals(other.blob);
    }

    KeyLine with(String newOptions, String newComment) {
        return new KeyLine(newOptions, type, blob, newComment, null);
    }

    String render() {
        if (!isKey()) {
            return raw;
        }
        return (options == null || options.isEmpty() ? "" : options + " ") + type + " " + blob
                + (comment == null || comment.isEmpty() ? "" : " " + comment);
    }

    /** Splits at spaces outside double quotes (options like command="a b" stay one token). */
    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' && (i == 0 || s.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (Character.isWhitespace(c) && !quoted) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }
}

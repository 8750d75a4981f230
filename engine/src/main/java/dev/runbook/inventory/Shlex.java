package dev.runbook.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code shlex.split(line, comments=True)}, which Ansible uses on INI host lines:
 * whitespace separates words, quotes group and vanish, backslash escapes, '#' starts a comment
 * (even inside a word), ';' does not.
 */
final class Shlex {
    /** A quote left open or a backslash ending the line; the message says which. */
    static final class BadLine extends Exception {
        BadLine(String message) {
            super(message, null, false, false);
        }
    }

    private Shlex() {
    }

    static List<String> split(String line) throws BadLine {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c) || c == '#') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                if (c == '#') {
                    break;
                }
                i++;
            } else if (c == '\'' || c == '"') {
                i = quoted(line, i, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 == line.length()) {
                    throw new BadLine("a backslash ends the line, escaping nothing");
                }
                word.append(line.charAt(i + 1));
                i += 2;
                inWord = true;
            } else {
                word.append(c);
                i++;
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Appends the quoted text starting at {@code open}; returns the index after the closing quote. */
    private static int quoted(String line, int open, StringBuilder word) throws BadLine {
        char quote = line.charAt(open);
        int i = open + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == quote) {
                return i + 1;
            }
            if (quote == '"' && c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new BadLine("no closing " + quote + " quote");
    }
}

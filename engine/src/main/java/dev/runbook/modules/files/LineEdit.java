package dev.runbook.modules.files;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * lineinfile's edit, line for line Ansible's algorithm: the last line matching regexp (or
 * search_string) is replaced; otherwise the line goes after the last insertafter match (before
 * for insertbefore), else at the end. Lines keep their own endings.
 */
final class LineEdit {
    private LineEdit() {
    }

    /** The wanted edit. {@code regexp}, {@code search}, {@code after}, {@code before} may be null. */
    record Params(Pattern regexp, String search, String line, String after, String before, boolean backrefs,
                  boolean firstmatch) {
    }

    /** The new lines and Ansible's message ("line added", "line replaced", "" when nothing changed). */
    record Result(List<String> lines, String msg) {
        boolean changed() {
            return !msg.isEmpty();
        }
    }

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    static String stripEnd(String l) {
        int end = l.length();
        while (end > 0 && (l.charAt(end - 1) == '\n' || l.charAt(end - 1) == '\r')) {
            end--;
        }
        return l.substring(0, end);
    }

    /** The line regexp (or search_string) matched, and the match for back-references. */
    private record Found(int at, Matcher match) {
    }

    private static Found search(List<String> lines, Params p) {
        Found last = new Found(-1, null);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = p.regexp() != null ? p.regexp().matcher(lines.get(i)) : null;
            boolean found = m != null ? m.find() : p.search() != null && lines.get(i).contains(p.search());
            if (found) {
                last = new Found(i, m);
                if (p.firstmatch()) {
                    break;
                }
            }
        }
        return last;
    }

    static Result present(List<String> original, Params p, Pattern insert) {
        List<String> lines = new ArrayList<>(original);
        Found found = search(lines, p);
        int matchAt = found.at();
        Matcher match = found.match();
        int insertAt = -1;
        if (matchAt < 0) {
            for (int i = 0; i < lines.size(); i++) {
                if (p.line().equals(stripEnd(lines.get(i)))) {
                    matchAt = i;
                } else if (insert != null && insert.matcher(lines.get(i)).find()) {
                    insertAt = p.after() != null ? i + 1 : i;
                    if (p.firstmatch()) {
                        break;
                    }
                }
            }
        }
        if (matchAt >= 0) {
            String newLine = p.backrefs() && match != null ? PyRegex.expand(match, p.line()) : p.line();
            newLine = newLine.endsWith("\n") ? newLine : newLine + "\n";
            if (lines.get(matchAt).equals(newLine)) {
                return new Result(lines, "");
            }
            lines.set(matchAt, newLine);
            return new Result(lines, "line replaced");
        }
        if (p.backrefs()) {
            // Without a match there is nothing to fill the back-references from: leave the file.
            return new Result(lines, "");
        }
        return insert(lines, p, insertAt);
    }

    private static Result insert(List<String> lines, Params p, int insertAt) {
        String l = p.line() + "\n";
        if ("BOF".equals(p.before()) || "BOF".equals(p.after())) {
            lines.add(0, l);
        } else if ("EOF".equals(p.after()) || insertAt < 0) {
            terminateLast(lines);
            lines.add(l);
        } else if (p.after() != null) {
            if (insertAt == lines.size()) {
                if (stripEnd(lines.get(insertAt - 1)).equals(p.line())) {
                    return new Result(lines, "");
                }
                terminateLast(lines);
                lines.add(l);
            } else if (stripEnd(lines.get(insertAt)).equals(p.line())) {
                return new Result(lines, "");
            } else {
                lines.add(insertAt, l);
            }
        } else {
            lines.add(insertAt, l);
        }
        return new Result(lines, "line added");
    }

    /** A file whose last line has no newline gets one before a line is appended. */
    private static void terminateLast(List<String> lines) {
        int last = lines.size() - 1;
        if (last >= 0 && !lines.get(last).endsWith("\n") && !lines.get(last).endsWith("\r")) {
            lines.set(last, lines.get(last) + "\n");
        }
    }

    static Result absent(List<String> original, Pattern regexp, String search, String line) {
        List<String> kept = new ArrayList<>();
        int removed = 0;
        for (String l : original) {
            boolean found = regexp != null ? regexp.matcher(l).find()
                    : search != null ? l.contains(search) : stripEnd(l).equals(line);
            if (found) {
                removed++;
            } else {
                kept.add(l);
            }
        }
        return new Result(kept, removed == 0 ? "" : removed + " line(s) removed");
    }
}

package dev.runbook.modules.files;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ini_file's edit, with community.general's rules: the first section of that name (options
 * before any section header when none is named), options matched with or without a leading
 * {@code #}/{@code ;}, new options after the section's last non-blank, non-comment line, and
 * Ansible's messages ("option added", "option changed", "section and option added", ...).
 */
final class IniEdit {
    /** A section name no file uses: stands for the lines before the first header. */
    private static final String GLOBAL = "ad01e11446efb704fcdbdb21f2c43757423d91c5";
    private static final Pattern BLANK_OR_COMMENT = Pattern.compile("[ \\t]*([#;].*)?$", Pattern.UNIX_LINES);

    private IniEdit() {
    }

    /** What to do; {@code section} and {@code option} may be null, {@code values} may be empty. */
    record Params(String section, String option, List<String> values, boolean present, boolean exclusive,
                  boolean noExtraSpaces, boolean ignoreSpaces, boolean allowNoValue) {
    }

    /** The new lines, whether anything changed, and Ansible's message. */
    record Result(List<String> lines, boolean changed, String msg) {
    }

    /** Lines as Python's universal-newline reading gives them: \r\n and \r become \n, a BOM is dropped. */
    static List<String> lines(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return LineEdit.split(t.replace("\r\n", "\n").replace('\r', '\n'));
    }

    private static Matcher option(String option, String line, boolean commentedToo) {
        String p = (commentedToo ? "([#;]?)" : "") + "( |\\t)*(" + Pattern.quote(option) + ")( |\\t)*(=|$)( |\\t)*(.*)";
        Matcher m = Pattern.compile(p, Pattern.UNIX_LINES).matcher(line);
        return m.lookingAt() ? m : null;
    }

    static Result edit(List<String> original, Params p) {
        List<String> lines = new ArrayList<>(original);
        List<String> values = new ArrayList<>();
        for (String v : p.values()) {
            if (v != null && !values.contains(v)) {
                values.add(v);
            }
        }
        String option = p.option();
        boolean changed = false;
        if (lines.isEmpty()) {
            lines.add("\n");
        }
        String last = lines.get(lines.size() - 1);
        if (!last.endsWith("\n")) {
            lines.set(lines.size() - 1, last + "\n");
            changed = true;
        }
        lines.add(0, "[" + GLOBAL + "]");
        lines.add("[");
        String section = p.section() == null || p.section().isEmpty() ? GLOBAL : p.section();
        boolean within = false;
        int start = 0;
        int end = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (within && line.startsWith("[")) {
                end = i;
                break;
            }
            if (line.startsWith("[" + section + "]")) {
                within = true;
                start = i;
            }
        }
        List<String> before = new ArrayList<>(lines.subList(0, start));
        List<String> sec = new ArrayList<>(lines.subList(start, end));
        List<String> after = new ArrayList<>(lines.subList(end, lines.size()));
        Section s = new Section(sec, new boolean[sec.size()], p, changed);
        if (p.present() && option != null) {
            s.present(values);
        }
        if (p.present() && p.exclusive() && !p.allowNoValue() && option != null) {
            s.exclusive(values);
        }
        if (p.present()) {
            s.insertMissing(values);
        }
        if (!p.present()) {
            s.absent(values);
        }
        List<String> out = new ArrayList<>(before);
        out.addAll(s.lines);
        out.addAll(after);
        out.remove(0);
        out.remove(out.size() - 1);
        changed = s.changed;
        String msg = s.msg;
        if (!within && p.present()) {
            out.add("[" + section + "]\n");
            msg = "section and option added";
            if (option != null && !values.isEmpty()) {
                values.forEach(v -> out.add(s.assignment(option, v)));
            } else if (option != null && p.allowNoValue()) {
                out.add(option + "\n");
            } else {
                msg = "only section added";
            }
            changed = true;
        }
        return new Result(out, changed, msg);
    }

    /** The lines of the chosen section (its header first) and what has been done to them. */
    private static final class Section {
        List<String> lines;
        List<Boolean> touched;
        final Params p;
        boolean changed;
        String msg = "OK";
        boolean noValuePresent;

        Section(List<String> lines, boolean[] touched, Params p, boolean changed) {
            this.lines = lines;
            this.touched = new ArrayList<>();
            for (boolean t : touched) {
                this.touched.add(t);
            }
            this.p = p;
            this.changed = changed;
        }

        String assignment(String option, String value) {
            return option + (p.noExtraSpaces() ? "=" : " = ") + value + "\n";
        }

        private void update(int i, String newLine) {
            Boolean differs = null;
            if (p.ignoreSpaces()) {
                Matcher old = option(p.option(), lines.get(i), true);
                if (old.group(1).isEmpty()) {
                    differs = !old.group(7).equals(option(p.option(), newLine, true).group(7));
                }
            }
            if (differs == null) {
                differs = !lines.get(i).equals(newLine);
            }
            if (differs) {
                lines.set(i, newLine);
                changed = true;
                msg = "option changed";
            }
            touched.set(i, true);
        }

        /** Lines whose value is one of the wanted values are rewritten in the canonical form. */
        void present(List<String> values) {
            String option = p.option();
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = option(option, lines.get(i), true);
                if (m == null) {
                    continue;
                }
                if (!values.isEmpty() && values.contains(m.group(7))) {
                    String matched = m.group(7);
                    if (matched.isEmpty() && p.allowNoValue()) {
                        update(i, option + "\n");
                        noValuePresent = true;
                    } else {
                        update(i, assignment(option, matched));
                    }
                    values.remove(matched);
                } else if (values.isEmpty() && p.allowNoValue()) {
                    update(i, option + "\n");
                    noValuePresent = true;
                    break;
                }
            }
        }

        /** Remaining values go onto the other lines of the option; lines left over are deleted. */
        void exclusive(List<String> values) {
            String option = p.option();
            for (int i = 0; i < lines.size() && !values.isEmpty(); i++) {
                if (!touched.get(i) && option(option, lines.get(i), true) != null) {
                    update(i, assignment(option, values.remove(0)));
                }
            }
            for (int i = lines.size() - 1; i > 0; i--) {
                if (!touched.get(i) && option(option, lines.get(i), true) != null) {
                    lines.remove(i);
                    touched.remove(i);
                    changed = true;
                    msg = "option changed";
                }
            }
        }

        /** Values not yet in the section go after its last line that is neither blank nor a comment. */
        void insertMissing(List<String> values) {
            String option = p.option();
            for (int i = lines.size(); i > 0; i--) {
                if (BLANK_OR_COMMENT.matcher(lines.get(i - 1)).lookingAt()) {
                    continue;
                }
                if (option != null && !values.isEmpty()) {
                    for (int v = values.size() - 1; v >= 0; v--) {
                        lines.add(i, assignment(option, values.get(v)));
                        msg = "option added";
                        changed = true;
                    }
                } else if (option != null && p.allowNoValue() && !noValuePresent) {
                    lines.add(i, option + "\n");
                    msg = "option added";
                    changed = true;
                }
                break;
            }
        }

        void absent(List<String> values) {
            String option = p.option();
            if (option == null) {
                if (!lines.isEmpty()) {
                    lines = new ArrayList<>();
                    msg = "section removed";
                    changed = true;
                }
                return;
            }
            List<String> kept = new ArrayList<>();
            for (String l : lines) {
                Matcher m = option(option, l, false);
                boolean drop = m != null && (p.exclusive() || values.contains(m.group(6)));
                if (!drop) {
                    kept.add(l);
                }
            }
            if ((p.exclusive() || !values.isEmpty()) && !kept.equals(lines)) {
                lines = kept;
                changed = true;
                msg = "option changed";
            }
        }
    }
}

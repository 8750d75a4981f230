package dev.runbook.template.diff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The expressions compared with Ansible, read from a resource: {@code [task]}, {@code [file]} and
 * {@code [when]} sections, one case a line, {@code #} comments. A line with {@code {{} or
 * {@code {%} is a whole template, any other line one expression (written as Jinja2 reads it,
 * after YAML); {@code ⏎} stands for a line break. A refusal line ends with {@code ==> error text},
 * an extension with {@code ~~> value}.
 */
record Corpus(List<Case> cases) {
    /** Written in a case for a line break, so multi-line templates fit on one line. */
    static final String NEWLINE = "\u23ce";

    enum Kind { TASK, FILE, WHEN }

    /**
     * One case; {@code refusal} is the error runbook must give instead of a value, or null;
     * {@code extension} the value runbook gives where Ansible 2.14 fails, or null.
     */
    record Case(Kind kind, String source, int line, String refusal, String extension) {
        /** The text evaluated: a condition as is, anything else between markers, so both sides print a string. */
        String text() {
            if (kind == Kind.WHEN) {
                return source;
            }
            boolean template = source.contains("{{") || source.contains("{%");
            return "<<" + (template ? source : "{{ " + source + " }}") + ">>";
        }

        @Override
        public String toString() {
            return "[" + kind.name().toLowerCase(java.util.Locale.ROOT) + "] line " + line + ": " + source;
        }
    }

    static Corpus load(String resource) {
        try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Corpus parse(String text, String name) {
        List<Case> out = new ArrayList<>();
        Kind kind = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.matches("\\[(task|file|when)]")) {
                kind = Kind.valueOf(line.substring(1, line.length() - 1).toUpperCase(java.util.Locale.ROOT));
                continue;
            }
            if (kind == null) {
                throw new IllegalStateException(name + ":" + (i + 1) + ": a case before any [task]/[file]/[when] section");
            }
            int arrow = line.lastIndexOf(" ==> ");
            int tilde = line.lastIndexOf(" ~~> ");
            int cut = Math.max(arrow, tilde);
            String source = (cut < 0 ? line : line.substring(0, cut)).replace(NEWLINE, "\n");
            out.add(new Case(kind, source, i + 1, arrow < 0 ? null : line.substring(arrow + 5).trim(),
                tilde < 0 ? null : line.substring(tilde + 5).trim()));
        }
        return new Corpus(List.copyOf(out));
    }
}

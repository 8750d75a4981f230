package dev.runbook.modules.aptrepo;

/**
 * One line of a one-line-style sources file as Ansible's apt_repository reads it: a leading
 * {@code #} disables it, a later {@code #} starts a comment, and it is a source when its first
 * word is {@code deb} or {@code deb-src} (whitespace inside collapsed).
 */
record SourceLine(boolean valid, boolean enabled, String source, String comment) {

    static SourceLine parse(String raw) {
        String line = raw.strip();
        boolean enabled = true;
        if (line.startsWith("#")) {
            enabled = false;
            line = line.substring(1);
        }
        String comment = "";
        int hash = line.indexOf('#');
        if (hash > 0) {
            comment = line.substring(hash + 1).strip();
            line = line.substring(0, hash);
        }
        String source = line.strip();
        boolean valid = false;
        if (!source.isEmpty()) {
            String[] words = source.split("\\s+");
            if (words[0].equals("deb") || words[0].equals("deb-src")) {
                valid = true;
                source = String.join(" ", words);
            }
        }
        return new SourceLine(valid, enabled, source, comment);
    }

    SourceLine enabled(boolean on) {
        return new SourceLine(valid, on, source, comment);
    }

    /** The line as Ansible writes it back. */
    String render() {
        return (enabled ? "" : "# ") + source + (comment.isEmpty() ? "" : " # " + comment) + "\n";
    }
}

package dev.runbook.modules;

import java.util.Collection;

/**
 * Renders module documentation from each module's declaration, so `runbook modules` and
 * docs/modules.md cannot drift from the code (a test compares the file with this output).
 */
public final class ModuleDocs {
    private ModuleDocs() {
    }

    /** One line per module: name and the first sentence of its description. */
    public static String list(Collection<Module> modules) {
        int width = modules.stream().mapToInt(m -> m.name().length()).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (Module m : modules) {
            sb.append(String.format("%-" + width + "s  %s%n", m.name(), firstSentence(m.spec().description())));
        }
        return sb.toString();
    }

    /** One module in plain text: description, arguments, example. */
    public static String text(ModuleSpec spec) {
        StringBuilder sb = new StringBuilder();
        sb.append(spec.name()).append(" — ").append(spec.description()).append("\n");
        if (spec.freeForm()) {
            sb.append("\nAccepts a free-form string: `").append(spec.name()).append(": <command line>`.\n");
        }
        sb.append("\nArguments:\n");
        if (spec.args().isEmpty()) {
            sb.append("  (none)\n");
        }
        for (ArgSpec a : spec.args()) {
            sb.append("  ").append(a.name()).append(" (").append(a.type().doc())
                    .append(a.required() ? ", required" : "")
                    .append(a.defaultValue() != null ? ", default " + a.defaultValue() : "")
                    .append(")");
            if (!a.aliases().isEmpty()) {
                sb.append(" aliases: ").append(String.join(", ", a.aliases()));
            }
            sb.append("\n      ").append(a.description());
            if (!a.choices().isEmpty()) {
                sb.append(" One of: ").append(String.join(", ", a.choices())).append(".");
            }
            if (a.secret()) {
                sb.append(" Never shown in output.");
            }
            sb.append("\n");
        }
        if (!spec.example().isEmpty()) {
            sb.append("\nExample:\n");
            spec.example().lines().forEach(l -> sb.append("  ").append(l).append("\n"));
        }
        return sb.toString();
    }

    /** The whole docs/modules.md. */
    public static String markdown(Collection<Module> modules) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Modules\n\n");
        sb.append("Generated from each module's declaration by `./runbook modules --markdown`; "
                + "do not edit by hand (a test fails when this file and the code disagree).\n\n");
        sb.append("Every module answers twice: *check* (what would change, from read-only probes; used by "
                + "`runbook plan` and `--dry-run`) and *apply* (probe again, then change). Applying a "
                + "finished state again reports no change.\n\n");
        sb.append("| module | what it does |\n|---|---|\n");
        for (Module m : modules) {
            sb.append("| [`").append(m.name()).append("`](#").append(m.name()).append(") | ")
                    .append(firstSentence(m.spec().description()).replace("|", "\\|")).append(" |\n");
        }
        for (Module m : modules) {
            sb.append(section(m.spec()));
        }
        return sb.toString();
    }

    private static String section(ModuleSpec spec) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n## ").append(spec.name()).append("\n\n").append(spec.description()).append("\n");
        if (spec.freeForm()) {
            sb.append("\nAccepts a free-form string: `").append(spec.name()).append(": <command line>`.\n");
        }
        if (!spec.args().isEmpty()) {
            sb.append("\n| argument | type | required | default | description |\n|---|---|---|---|---|\n");
            for (ArgSpec a : spec.args()) {
                String desc = a.description()
                        + (a.choices().isEmpty() ? "" : " One of: `" + String.join("`, `", a.choices()) + "`.")
                        + (a.aliases().isEmpty() ? "" : " Aliases: `" + String.join("`, `", a.aliases()) + "`.")
                        + (a.secret() ? " Never shown in output." : "");
                sb.append("| `").append(a.name()).append("` | ").append(a.type().doc()).append(" | ")
                        .append(a.required() ? "yes" : "no").append(" | ")
                        .append(a.defaultValue() == null ? "" : "`" + a.defaultValue() + "`").append(" | ")
                        .append(desc.replace("|", "\\|").replace("\n", " ")).append(" |\n");
            }
        }
        if (!spec.example().isEmpty()) {
            sb.append("\n```yaml\n").append(spec.example().strip()).append("\n```\n");
        }
        return sb.toString();
    }

    static String firstSentence(String text) {
        int dot = text.indexOf(". ");
        return dot < 0 ? text.strip() : text.substring(0, dot + 1);
    }
}

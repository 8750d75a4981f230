package dev.runbook.modules.files;

import dev.runbook.modules.Resource;
import dev.runbook.modules.Footprint;
import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Ansible's blockinfile: a block of lines between two marker lines, inserted, replaced or
 * removed. The markers make the block findable again, so reapplying changes nothing.
 */
public final class BlockInFile extends PlannedModule {
    /** Ansible's default, so that blocks Ansible wrote are found and replaced, never duplicated. */
    static final String MARKER = "# {mark} ANSIBLE MANAGED BLOCK";
    /** The default of runbook before it took Ansible's: such blocks are taken over, not duplicated. */
    static final String LEGACY_MARKER = "# {mark} RUNBOOK MANAGED BLOCK";
    private static final ModuleSpec SPEC = new ModuleSpec("blockinfile",
            "Insert, update or remove a block of lines between marker lines (`" + MARKER + "`, Ansible's default, "
                    + "so blocks Ansible wrote are updated in place). Plan mode reads the file and shows the diff of the edit.",
            args(), false, """
            blockinfile:
              path: /etc/hosts
              block: |
                10.0.0.10 db1
                10.0.0.11 db2
            """);

    private static List<ArgSpec> args() {
        List<ArgSpec> a = new ArrayList<>(List.of(
                ArgSpec.required("path", ArgType.STRING, "The file to edit.").withAliases("dest", "destfile", "name"),
                ArgSpec.optional("block", ArgType.STRING, "", "The lines to have between the markers; empty removes the "
                        + "block.").withAliases("content"),
                ArgSpec.optional("marker", ArgType.STRING, MARKER, "Marker line template; `{mark}` becomes marker_begin or "
                        + "marker_end. Use a different marker for each block in one file."),
                ArgSpec.optional("marker_begin", ArgType.STRING, "BEGIN", "Replaces {mark} in the opening marker."),
                ArgSpec.optional("marker_end", ArgType.STRING, "END", "Replaces {mark} in the closing marker."),
                ArgSpec.optional("state", ArgType.STRING, "present", "Whether the block should be there.")
                        .withChoices("present", "absent"),
                ArgSpec.optional("insertafter", ArgType.STRING, null, "For a new block: after the last line matching this "
                        + "regular expression, or `EOF` (the default)."),
                ArgSpec.optional("insertbefore", ArgType.STRING, null, "For a new block: before the last line matching "
                        + "this regular expression, or `BOF`."),
                ArgSpec.optional("create", ArgType.BOOL, false, "Create the file when it does not exist.")));
        a.addAll(Copy.WRITE_ARGS);
        return a;
    }

    @Override
    public Footprint footprint(Args args) {
        return Footprint.on(Resource.path(args.string("path")));
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args a) {
        List<String> problems = new ArrayList<>(Copy.validateCommand(a));
        if (a.has("insertafter") && a.has("insertbefore")) {
            problems.add("insertafter and insertbefore cannot be used together");
        }
        if (a.string("marker_begin").equals(a.string("marker_end")) || !a.string("marker").contains("{mark}")) {
            problems.add("marker must contain {mark} and marker_begin and marker_end must differ, or the block "
                    + "cannot be found again");
        }
        return problems;
    }

    @Override
    Plan decide(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        return decide(TextFile.load(ctx, args.string("path"), Wanted.from(args)), args, ctx.diff());
    }

    static Plan decide(TextFile.Loaded f, Args args, boolean diff) throws ModuleException {
        String path = f.file().path();
        boolean present = "present".equals(args.string("state"));
        if (!f.exists()) {
            if (!present) {
                return Plan.none(Change.none(path + " does not exist, so the block is absent")
                        .withResult(Map.of("changed", false, "msg", "")));
            }
            if (!args.bool("create")) {
                throw new MissingOnHost("path " + path + " does not exist (set create: true to create it)", path);
            }
        }
        String begin = args.string("marker").replace("{mark}", args.string("marker_begin"));
        String end = args.string("marker").replace("{mark}", args.string("marker_end"));
        String block = present ? args.string("block") : "";
        List<String> original = LineEdit.split(f.text());
        if (MARKER.equals(args.string("marker")) && !hasMarkers(original, begin, end)) {
            original = retagLegacy(original, args.string("marker_begin"), args.string("marker_end"), begin, end);
        }
        List<String> lines = edit(original, begin, end, block, insertPattern(args), args.has("insertbefore"));
        String text = String.join("", lines);
        String msg = text.equals(f.text()) && f.exists() ? "" : !f.exists() ? "File created"
                : block.isEmpty() ? "Block removed" : "Block inserted";
        String what = !f.exists() ? "create " + path + " with the block"
                : block.isEmpty() ? "remove the block from " + path
                : (hasMarkers(original, begin, end) ? "update" : "insert")
                + " the block in " + path;
        return TextFile.write(f, args, text, what, msg, diff);
    }

    private static boolean hasMarkers(List<String> lines, String begin, String end) {
        boolean b = false;
        boolean e = false;
        for (String l : lines) {
            String s = LineEdit.stripEnd(l);
            b |= s.equals(begin);
            e |= s.equals(end);
        }
        return b && e;
    }

    /**
     * A block written under runbook's former default marker gets the current markers, so the edit
     * replaces it instead of adding a second block.
     */
    private static List<String> retagLegacy(List<String> lines, String markBegin, String markEnd, String begin, String end) {
        String oldBegin = LEGACY_MARKER.replace("{mark}", markBegin);
        String oldEnd = LEGACY_MARKER.replace("{mark}", markEnd);
        if (!hasMarkers(lines, oldBegin, oldEnd)) {
            return lines;
        }
        List<String> out = new ArrayList<>(lines.size());
        for (String l : lines) {
            String s = LineEdit.stripEnd(l);
            String ending = l.substring(s.length());
            out.add(s.equals(oldBegin) ? begin + ending : s.equals(oldEnd) ? end + ending : l);
        }
        return out;
    }

    /** Ansible's algorithm: replace the block between the markers, else insert it at the anchor. */
    static List<String> edit(List<String> original, String begin, String end, String block, Pattern insert, boolean before) {
        List<String> lines = new ArrayList<>(original);
        List<String> blockLines = new ArrayList<>();
        if (!block.isEmpty()) {
            blockLines.add(begin + "\n");
            blockLines.addAll(LineEdit.split(block.endsWith("\n") ? block : block + "\n"));
            blockLines.add(end + "\n");
        }
        int n0 = -1;
        int n1 = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = LineEdit.stripEnd(lines.get(i));
            n0 = l.equals(begin) ? i : n0;
            n1 = l.equals(end) ? i : n1;
        }
        if (n0 < 0 || n1 < 0) {
            n0 = anchor(lines, insert, before);
        } else {
            int from = Math.min(n0, n1);
            lines.subList(from, Math.max(n0, n1) + 1).clear();
            n0 = from;
        }
        if (!blockLines.isEmpty() && n0 > 0 && !lines.get(n0 - 1).endsWith("\n")) {
            lines.set(n0 - 1, lines.get(n0 - 1) + "\n");
        }
        lines.addAll(n0, blockLines);
        return lines;
    }

    private static int anchor(List<String> lines, Pattern insert, boolean before) {
        if (insert == null) {
            return before ? 0 : lines.size();
        }
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            at = insert.matcher(lines.get(i)).find() ? i : at;
        }
        return at < 0 ? lines.size() : before ? at : at + 1;
    }

    private static Pattern insertPattern(Args args) throws ModuleException {
        String after = args.string("insertafter");
        String before = args.string("insertbefore");
        String name = after != null && !after.equals("EOF") ? "insertafter" : before != null && !before.equals("BOF") ? "insertbefore" : null;
        try {
            return name == null ? null : PyRegex.compile(args.string(name), name);
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage(), e);
        }
    }
}

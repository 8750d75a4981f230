package dev.runbook.modules.archive;

import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a {@link SyncPlan} into what people see: a summary line, a path listing, registered data. */
final class PlanReport {
    private PlanReport() {
    }

    /**
     * The check answer: "would add 3, update 1, remove 0 in DEST from SRC (exclude: 2 paths in dest
     * kept as they are)".
     * The listing's digest is the probe, so a saved plan notices when the trees moved on.
     */
    static Change change(SyncPlan plan, boolean destExists, String dest, String source, String listing) {
        Map<String, Object> data = data(plan, !plan.isEmpty());
        if (plan.isEmpty()) {
            return Change.none(upToDate(plan, dest, source)).withResult(data).withProbe(digest(listing));
        }
        ChangeKind kind = destExists ? ChangeKind.CHANGE : ChangeKind.CREATE;
        String summary = "would add " + plan.add().size() + ", update " + plan.update().size() + ", remove "
                + plan.remove().size() + " in " + dest + " from " + source + excluded(plan);
        return new Change(kind, summary, listing, data, digest(listing));
    }

    static ModuleResult result(SyncPlan plan, String dest, String source, String listing) {
        if (plan.isEmpty()) {
            return new ModuleResult(false, false, upToDate(plan, dest, source), data(plan, false), null);
        }
        return new ModuleResult(true, false, plan.counts() + " in " + dest + " from " + source + excluded(plan),
                data(plan, true), listing);
    }

    private static String upToDate(SyncPlan plan, String dest, String source) {
        return dest + " matches " + source + excluded(plan);
    }

    /** " (exclude: 2 paths in dest kept as they are, 1722 source paths not copied)", or "" when exclude matched nothing. */
    static String excluded(SyncPlan plan) {
        if (plan.kept() == 0 && plan.notCopied() == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (exclude: ");
        if (plan.kept() > 0) {
            sb.append(paths(plan.kept())).append(" in dest kept as they are");
        }
        if (plan.notCopied() > 0) {
            sb.append(plan.kept() > 0 ? ", " : "").append(plan.notCopied()).append(" source ")
                    .append(plan.notCopied() == 1 ? "path" : "paths").append(" not copied");
        }
        return sb.append(')').toString();
    }

    private static String paths(int n) {
        return n + (n == 1 ? " path" : " paths");
    }

    static Map<String, Object> data(SyncPlan plan, boolean changed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("changed", changed);
        m.put("added", plan.add());
        m.put("updated", plan.update());
        m.put("removed", plan.remove());
        m.put("kept", plan.kept());
        m.put("not_copied", plan.notCopied());
        return m;
    }

    static String digest(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

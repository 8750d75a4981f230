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
     * The check answer. {@code subject} names the operation ("sync /srv/release to /var/www").
     * The listing's digest is the probe, so a saved plan notices when the trees moved on.
     */
    static Change change(SyncPlan plan, boolean destExists, String subject, String listing) {
        Map<String, Object> data = data(plan, !plan.isEmpty());
        String excluded = plan.excluded() > 0 ? " (" + plan.excluded() + " excluded entries left alone)" : "";
        if (plan.isEmpty()) {
            return Change.none(subject + ": up to date" + excluded).withResult(data).withProbe(digest(listing));
        }
        ChangeKind kind = destExists ? ChangeKind.CHANGE : ChangeKind.CREATE;
        return new Change(kind, "would " + subject + ": " + plan.counts() + excluded, listing, data, digest(listing));
    }

    static ModuleResult result(SyncPlan plan, String subject, String listing) {
        String excluded = plan.excluded() > 0 ? " (" + plan.excluded() + " excluded entries left alone)" : "";
        if (plan.isEmpty()) {
            return new ModuleResult(false, false, subject + ": up to date" + excluded, data(plan, false), null);
        }
        return new ModuleResult(true, false, subject + ": " + plan.counts() + excluded, data(plan, true), listing);
    }

    static Map<String, Object> data(SyncPlan plan, boolean changed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("changed", changed);
        m.put("added", plan.add());
        m.put("updated", plan.update());
        m.put("removed", plan.remove());
        m.put("excluded", plan.excluded());
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

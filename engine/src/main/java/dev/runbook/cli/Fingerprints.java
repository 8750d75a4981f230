package dev.runbook.cli;

import dev.runbook.model.Runbook;
import dev.runbook.report.SavedPlan;
import dev.runbook.state.Fingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** sha256 fingerprints of what a plan was made from: runbook files, inventory, options. */
final class Fingerprints {
    private Fingerprints() {
    }

    static SavedPlan.Fingerprints of(Runbook runbook, List<String> inventories, Map<String, Object> extraVars, RunOptions o) {
        String rb = files(runbook.files());
        List<Path> invFiles = new ArrayList<>();
        inventories.forEach(i -> invFiles.addAll(inventoryFiles(Path.of(i))));
        String inv = inventories.isEmpty() ? "localhost" : files(invFiles);
        String inventory = inventories.isEmpty() ? null : String.join(",", inventories);
        String options = text(new TreeMap<>(extraVars) + "|limit=" + o.limit + "|only=" + o.only + "|from=" + o.from);
        return new SavedPlan.Fingerprints(runbook.file().toString(), rb, inventory, inv, options);
    }

    /**
     * The inventory's files (see {@link Fingerprint#inventoryFiles}); a source that is no file, such as a
     * host list, stands for itself, so that creating a file of that name makes the plan stale.
     */
    private static List<Path> inventoryFiles(Path inventory) {
        return Files.isDirectory(inventory) || Files.isRegularFile(inventory)
                ? Fingerprint.inventoryFiles(inventory) : List.of(inventory);
    }

    private static String files(List<Path> files) {
        MessageDigest md = sha256();
        for (Path p : files) {
            md.update(p.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try {
                md.update(Files.readAllBytes(p));
            } catch (IOException e) {
                md.update(("missing:" + p).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String text(String s) {
        return HexFormat.of().formatHex(sha256().digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.runbook.cli;

import dev.runbook.model.Runbook;
import dev.runbook.report.SavedPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

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

    /** The inventory's files: the file (or every file under the directory) and the vars directories beside it. */
    private static List<Path> inventoryFiles(Path inventory) {
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(inventory)) {
            try (Stream<Path> s = Files.walk(inventory)) {
                s.filter(Files::isRegularFile).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }
        out.add(inventory);
        Path dir = inventory.toAbsolutePath().getParent();
        for (String sub : List.of("group_vars", "host_vars")) {
            Path d = dir.resolve(sub);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.walk(d)) {
                    s.filter(Files::isRegularFile).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
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

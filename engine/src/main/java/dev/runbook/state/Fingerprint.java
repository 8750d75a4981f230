package dev.runbook.state;

import dev.runbook.model.Expr;
import dev.runbook.model.Runbook;
import dev.runbook.model.Step;
import dev.runbook.model.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * sha256 fingerprints: of each file a run was made from (runbook, includes, inventory and its
 * group_vars/host_vars), and of each task's definition as written, positions left out, so that
 * an edit elsewhere in the file does not make a task look changed.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    /** Absolute path to sha256 of its bytes ("missing" when it cannot be read). */
    public static Map<String, String> files(List<Path> files) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path p : files) {
            String sha;
            try {
                sha = hex(sha256().digest(Files.readAllBytes(p)));
            } catch (IOException e) {
                sha = "missing";
            }
            out.put(p.toAbsolutePath().normalize().toString(), sha);
        }
        return out;
    }

    /**
     * The files an inventory source reads: every file under a directory, or the file and every
     * file under group_vars/ and host_vars/ beside it; none for a host list ("web1,web2,").
     */
    public static List<Path> inventoryFiles(Path inventory) {
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(inventory)) {
            try (Stream<Path> s = Files.walk(inventory)) {
                s.filter(Files::isRegularFile).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }
        if (!Files.isRegularFile(inventory)) {
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

    /** Step id to the fingerprints of its tasks, in order, then of its handler runs (see {@link Step#taskAt}). */
    public static Map<String, List<String>> tasks(Runbook runbook) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Step s : runbook.steps().values()) {
            List<String> prints = new java.util.ArrayList<>();
            for (int i = 0; i < s.indexCount(); i++) {
                prints.add(task(s.taskAt(i))); // tasks, then each handler's run at each flush point
            }
            out.put(s.id(), prints);
        }
        return out;
    }

    static String task(Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("module", t.module().module());
        m.put("args", Records.plain(t.module().args()));
        m.put("when", text(t.when()));
        m.put("register", t.register());
        m.put("loop", Records.plain(t.loop()));
        m.put("retries", t.retries());
        m.put("delay", String.valueOf(t.delay()));
        m.put("until", text(t.until()));
        m.put("changed_when", text(t.changedWhen()));
        m.put("failed_when", text(t.failedWhen()));
        m.put("ignore_errors", t.ignoreErrors());
        m.put("no_log", t.noLog());
        m.put("become", String.valueOf(t.become()));
        m.put("timeout", String.valueOf(t.timeout()));
        m.put("check", t.check());
        m.put("creates", t.creates());
        m.put("removes", t.removes());
        m.put("vars", Records.plain(t.vars()));
        return hex(sha256().digest(Json.line(m).getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }

    private static String text(Expr e) {
        return e == null ? null : e.text();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}

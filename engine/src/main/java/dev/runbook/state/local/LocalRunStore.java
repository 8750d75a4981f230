package dev.runbook.state.local;

import dev.runbook.state.Json;
import dev.runbook.state.JournalWriter;
import dev.runbook.state.LockHolder;
import dev.runbook.state.RunLock;
import dev.runbook.state.RunStore;
import dev.runbook.state.StateException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The embedded store: {@code DIR/runs/<run id>/journal.jsonl} (one JSON record per line),
 * {@code DIR/runs/<run id>/output/<host>.jsonl} and {@code DIR/locks/<key>.lock}.
 */
public final class LocalRunStore implements RunStore {
    static final String JOURNAL = "journal.jsonl";
    private static final int TAIL = 64 * 1024;
    private final Path dir;
    private final Consumer<String> warnings;

    /** @param warnings where problems that do not stop anything go (a torn last record) */
    public LocalRunStore(Path dir, Consumer<String> warnings) {
        this.dir = dir.toAbsolutePath().normalize();
        this.warnings = warnings;
    }

    private Path runs() {
        return dir.resolve("runs");
    }

    @Override
    public JournalWriter append(String runId) {
        try {
            Files.createDirectories(runs());
        } catch (IOException e) {
            throw new StateException("cannot create the state directory " + runs() + ": " + reason(e), e);
        }
        return new LocalJournal(runs().resolve(runId), warnings);
    }

    @Override
    public List<Map<String, Object>> read(String runId, Consumer<String> warn) {
        return read(runId, warn, Json::parse);
    }

    @Override
    public List<Map<String, Object>> readSummary(String runId, Consumer<String> warn) {
        java.util.Set<String> skip = java.util.Set.of("result", "diff");
        return read(runId, warn, line -> Json.parseWithout(line, skip));
    }

    private List<Map<String, Object>> read(String runId, Consumer<String> warn,
                                           java.util.function.Function<String, Map<String, Object>> parse) {
        Path file = runs().resolve(runId).resolve(JOURNAL);
        List<Map<String, Object>> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            String torn = null;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> m = parse.apply(line);
                if (m == null) {
                    torn = file + ":" + n;
                    continue;
                }
                if (torn != null) {
                    throw new StateException(torn + ": not a journal record, and records follow it: the journal is damaged");
                }
                out.add(m);
            }
            if (torn != null) {
                warn.accept(torn + ": the last record is torn (the process died while writing it); it is ignored");
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new StateException("no run " + runId + " in " + dir, e);
        } catch (IOException e) {
            throw new StateException("cannot read " + file + ": " + reason(e), e);
        }
    }

    @Override
    public List<Map<String, Object>> ends(String runId) {
        Path file = runs().resolve(runId).resolve(JOURNAL);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            if (len == 0) {
                return List.of();
            }
            String first;
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                first = r.readLine();
            }
            long from = Math.max(0, len - TAIL);
            byte[] tail = new byte[(int) (len - from)];
            f.seek(from);
            f.readFully(tail);
            String[] lines = new String(tail, StandardCharsets.UTF_8).split("\n");
            Map<String, Object> head = Json.parse(first);
            for (int i = lines.length - 1; i >= 0 && i >= (from == 0 ? 0 : 1); i--) {
                Map<String, Object> last = Json.parse(lines[i]);
                if (last != null) {
                    return head == null ? List.of() : List.of(head, last);
                }
            }
            List<Map<String, Object>> all = read(runId, w -> { });
            return all.isEmpty() ? List.of() : List.of(all.get(0), all.get(all.size() - 1));
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public List<Map<String, Object>> output(String runId, String host) {
        Path file = runs().resolve(runId).resolve("output").resolve(fileName(host) + ".jsonl");
        if (!Files.exists(file)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.map(Json::parse).filter(m -> m != null).toList();
        } catch (IOException e) {
            throw new StateException("cannot read " + file + ": " + reason(e), e);
        }
    }

    @Override
    public RunLock lock(String key, LockHolder me) {
        return LocalLock.take(dir.resolve("locks").resolve(fileName(key) + ".lock"), me);
    }

    @Override
    public List<String> list() {
        if (!Files.isDirectory(runs())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs())) {
            // Ids sort by the second a run started; the first record's time orders runs of one second.
            return s.filter(p -> Files.isRegularFile(p.resolve(JOURNAL)))
                    .map(p -> Map.entry(p.getFileName().toString(), startedAt(p.resolve(JOURNAL))))
                    .sorted(Map.Entry.<String, String>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).toList();
        } catch (IOException e) {
            throw new StateException("cannot list " + runs() + ": " + reason(e), e);
        }
    }

    private static String startedAt(Path journal) {
        try (BufferedReader r = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            Map<String, Object> m = first == null ? null : Json.parse(first);
            return m == null ? "" : String.valueOf(m.get("at"));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void delete(String runId) {
        Path run = runs().resolve(runId);
        try (Stream<Path> s = Files.walk(run)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new StateException("cannot remove " + run + ": " + reason(e), e);
        }
    }

    @Override
    public String describe() {
        return dir.toString();
    }

    /** A host name or key as a file name: anything but letters, digits, dot, dash and underscore becomes '_'. */
    static String fileName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof NoSuchFileException || e.getMessage() == null) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return e.getMessage();
    }
}

package dev.runbook.state;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Past runs in a store: summaries, the run to resume, retention. */
public final class History {
    private final RunStore store;
    private final Consumer<String> warnings;

    public History(RunStore store, Consumer<String> warnings) {
        this.store = store;
        this.warnings = warnings;
    }

    /** Every run, oldest first. Reads only each journal's first and last record when the run ended. */
    public List<RunSummary> runs() {
        List<RunSummary> out = new ArrayList<>();
        for (String id : store.list()) {
            RunSummary s;
            try {
                s = summary(id);
            } catch (StateException e) {
                warnings.accept(e.getMessage() + "; it is not listed");
                continue;
            } catch (RuntimeException e) {
                warnings.accept(damaged(id).getMessage() + "; it is not listed");
                continue;
            }
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** The run as {@code show} needs it: without registered results. */
    public RunView summaryView(String id) {
        requireRun(id);
        return RunView.of(id, store.readSummary(id, warnings));
    }

    /** A journal whose records are not what runbook writes (edited by hand, or corrupted on disk). */
    static StateException damaged(String id) {
        return new StateException("run " + id + ": its journal is damaged (a record lacks a field, or has one of the"
                + " wrong type: it was edited or corrupted)");
    }

    private void requireRun(String id) {
        if (!store.list().contains(id)) {
            throw UserInputException.of(SourceSpan.NONE, "no run " + id + " in " + store.describe(),
                    store.list().isEmpty() ? "no run has been recorded there yet" : "`runbook runs` lists them");
        }
    }

    public RunView view(String id) {
        requireRun(id);
        return RunView.of(id, store.read(id, warnings));
    }

    @SuppressWarnings("unchecked")
    RunSummary summary(String id) {
        List<Map<String, Object>> ends = store.ends(id);
        if (ends.isEmpty() || !"run_started".equals(ends.get(0).get("type"))) {
            return null;
        }
        Map<String, Object> first = ends.get(0);
        Map<String, Object> last = ends.get(1);
        if (!"run_finished".equals(last.get("type"))) {
            RunView v = RunView.of(id, store.readSummary(id, w -> { }));
            return fromView(v, alive(v.lastStart()) ? "running" : "stopped");
        }
        Map<String, Object> origin = (Map<String, Object>) first.getOrDefault("origin", Map.of());
        int exit = ((Number) last.get("exit")).intValue();
        int[] counts = new int[4];
        ((Map<String, Map<String, Number>>) last.getOrDefault("recap", Map.of())).values().forEach(c -> tally(counts,
                c.get("changed").intValue(), c.get("failed").intValue(), c.get("unreachable").intValue()));
        Instant started = Instant.parse(String.valueOf(first.get("at")));
        return new RunSummary(id, String.valueOf(origin.get("runbook")), String.valueOf(first.get("name")), started,
                Duration.between(started, Instant.parse(String.valueOf(last.get("at")))), status(exit), exit,
                counts[0], counts[1], counts[2], counts[3]);
    }

    private static RunSummary fromView(RunView v, String status) {
        int[] counts = new int[4];
        for (String host : v.hosts()) {
            int changed = 0;
            int failed = 0;
            for (Map.Entry<RunView.Key, RunView.Entry> e : v.tasks().entrySet()) {
                if (e.getKey().host().equals(host) && e.getKey().item() == -1 && e.getValue().finished() != null) {
                    Object st = e.getValue().finished().get("status");
                    changed += "changed".equals(st) ? 1 : 0;
                    failed += "failed".equals(st) && !e.getValue().rescued() ? 1 : 0;
                }
            }
            tally(counts, changed, failed, v.unreachable().containsKey(host) ? 1 : 0);
        }
        return new RunSummary(v.id(), v.origin().runbook(), v.name(), v.started(), v.duration(), status, -1,
                counts[0], counts[1], counts[2], counts[3]);
    }

    private static void tally(int[] counts, int changed, int failed, int unreachable) {
        counts[unreachable > 0 ? 3 : failed > 0 ? 2 : changed > 0 ? 1 : 0]++;
    }

    /** The process that wrote the last record still runs (on this machine). */
    private static boolean alive(Map<String, Object> start) {
        if (!(start.get("pid") instanceof Number pid) || !LockHolder.me("").machine().equals(start.get("machine"))) {
            return false;
        }
        return ProcessHandle.of(pid.longValue()).map(ProcessHandle::isAlive).orElse(false);
    }

    public static String status(int exit) {
        return switch (exit) {
            case 0 -> "ok";
            case 2 -> "failed";
            case 3 -> "unreachable";
            case 5 -> "interrupted";
            case 7 -> "journal failed";
            default -> "exit " + exit;
        };
    }

    /** The run to continue: {@code id}, or the newest unfinished run of this runbook. */
    public RunView toResume(String runbook, String id) {
        if (id != null && !id.isEmpty()) {
            RunView v = view(id);
            if (v.end() != null && ((Number) v.end().get("exit")).intValue() == 0) {
                throw UserInputException.of(SourceSpan.NONE, "run " + id + " finished ok: there is nothing to resume", null);
            }
            return v;
        }
        List<String> ids = new ArrayList<>(store.list());
        java.util.Collections.reverse(ids);
        for (String candidate : ids) {
            RunSummary s = summary(candidate);
            if (s != null && runbook.equals(s.runbook())) {
                if (!s.resumable()) {
                    throw UserInputException.of(SourceSpan.NONE, "the last run of " + runbook + " (" + candidate
                            + ") finished ok: there is nothing to resume", "run it again without --resume");
                }
                return view(candidate);
            }
        }
        throw UserInputException.of(SourceSpan.NONE, "no run of " + runbook + " in " + store.describe() + " to resume",
                "--state-dir says where runs are kept (default .runbook)");
    }

    /**
     * Keeps the newest {@code keep} runs and removes the rest, except the newest unfinished
     * run of each runbook (it may still be resumed). Returns the ids removed.
     */
    public List<String> prune(int keep) {
        List<RunSummary> all = runs();
        java.util.Set<String> protect = new java.util.HashSet<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            RunSummary s = all.get(i);
            if (seen.add(s.runbook()) && s.resumable() || "running".equals(s.status())) {
                protect.add(s.id());
            }
        }
        List<String> removed = new ArrayList<>();
        for (int i = 0; i < all.size() - keep; i++) {
            String id = all.get(i).id();
            if (!protect.contains(id)) {
                store.delete(id);
                removed.add(id);
            }
        }
        return removed;
    }
}

package dev.runbook.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Kills a real runbook process (SIGKILL) at a chosen point of its journal, resumes the run, and
 * compares what every host holds with an uninterrupted run's. Every task appends one line to a
 * counter file on its host and declares how to tell whether it already did ({@code check:} or
 * {@code creates:}), so "exactly once" is checkable; a token registered in the first step is
 * written by later steps, so a token run again instead of restored shows up as two tokens.
 */
final class CrashRig {
    static final String RUNBOOK = """
            runbook: crash
            vars:
              d: "BASE/{{ inventory_hostname }}"
            steps:
              prepare:
                tasks:
                  - shell: mkdir -p {{ d }} && chmod 777 {{ d }}
                    creates: "{{ d }}"
                  - name: token
                    shell: echo tok-$RANDOM$RANDOM$RANDOM
                    register: token
                    check: "exit 0"
                    changed_when: false
              work:
                needs: [prepare]
                tasks:
                  - name: first use
                    shell: echo "work-start {{ token.stdout }}" >> {{ d }}/count
                    check: "grep -q '^work-start ' {{ d }}/count && exit 1 || exit 0"
                  - name: items
                    shell: sleep 0.05; echo "item-{{ item }}" >> {{ d }}/count
                    check: "grep -qx 'item-{{ item }}' {{ d }}/count && exit 1 || exit 0"
                    loop: [1, 2, 3, 4, 5, 6]
                  - set_fact:
                      derived: "{{ token.stdout }}-derived"
                  - name: until third try
                    shell: echo try >> {{ d }}/tries; test $(wc -l < {{ d }}/tries) -ge 3
                    check: "test -f {{ d }}/tries && test $(wc -l < {{ d }}/tries) -ge 3 && exit 1 || exit 0"
                    retries: 4
                    delay: 0
              side:
                needs: [prepare]
                tasks:
                  - name: side a
                    shell: sleep 0.05; echo side-a >> {{ d }}/count
                    check: "grep -qx side-a {{ d }}/count && exit 1 || exit 0"
                  - name: side b
                    shell: sleep 0.05; echo side-b >> {{ d }}/count
                    check: "grep -qx side-b {{ d }}/count && exit 1 || exit 0"
              record:
                needs: [work, side]
                tasks:
                  - name: record
                    shell: echo "record {{ token.stdout }} {{ derived }}" >> {{ d }}/count
                    check: "grep -q '^record ' {{ d }}/count && exit 1 || exit 0"
              cleanup:
                needs: [record]
                run: always
                tasks:
                  - name: cleanup items
                    shell: sleep 0.05; echo "cleanup-{{ item }}" >> {{ d }}/count
                    check: "grep -qx 'cleanup-{{ item }}' {{ d }}/count && exit 1 || exit 0"
                    loop: [1, 2, 3]
            """;

    private final Path work;
    private final List<String> hosts;
    private final List<String> connectionArgs;

    /** @param connectionArgs -i INVENTORY and the like; the hosts see {@code work} at the same path */
    CrashRig(Path work, List<String> hosts, List<String> connectionArgs) {
        this.work = work;
        this.hosts = hosts;
        this.connectionArgs = connectionArgs;
    }

    /**
     * 20 kill points: during a loop (at {@code loopIndex}), during the {@code run: always} step (at
     * {@code cleanupIndex}), and 18 spread over the 57 task starts of an uninterrupted run.
     */
    static Stream<org.junit.jupiter.params.provider.Arguments> killPoints(int loopIndex, int cleanupIndex) {
        List<org.junit.jupiter.params.provider.Arguments> out = new ArrayList<>();
        out.add(org.junit.jupiter.params.provider.Arguments.of(org.junit.jupiter.api.Named.of(
                "during the loop (item " + (loopIndex + 1) + ")", whenStarted("work", loopIndex))));
        out.add(org.junit.jupiter.params.provider.Arguments.of(org.junit.jupiter.api.Named.of(
                "during the run: always step", whenStarted("cleanup", cleanupIndex))));
        for (int k = 1; k <= 18; k++) {
            int n = Math.max(1, k * 57 / 19);
            out.add(org.junit.jupiter.params.provider.Arguments.of(org.junit.jupiter.api.Named.of(
                    "after " + n + " of 57 task starts", afterStarts(n))));
        }
        return out.stream();
    }

    static Path openDirectory(String prefix) throws IOException {
        Path d = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx")); // the SSH test user writes here
        return d;
    }

    Path prepare(String name) throws IOException {
        Path base = work.resolve(name);
        Files.createDirectories(base);
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path rb = base.resolve("crash.yml");
        Files.writeString(rb, RUNBOOK.replace("BASE", base.toString()));
        return rb;
    }

    /** Runs uninterrupted; returns what each host holds. */
    Map<String, List<String>> reference() throws IOException {
        Path rb = prepare("reference");
        Cli.Result r = apply(rb, rb.getParent().resolve("state"));
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        return state(rb.getParent());
    }

    /**
     * Starts the run in its own process, kills it once the journal holds a record matching
     * {@code killAt} ({@code killAt} sees every record so far, in order), resumes it in this
     * process and returns the hosts' state.
     */
    Map<String, List<String>> killAndResume(String name, Predicate<List<Map<String, Object>>> killAt) throws Exception {
        Path rb = prepare(name);
        Path state = rb.getParent().resolve("state");
        List<String> args = new ArrayList<>(List.of("apply", rb.toString(), "--state-dir", state.toString()));
        args.addAll(connectionArgs);
        java.util.Set<Long> daemons = pids(ProcessHandle.current().descendants()); // e.g. the sshd daemons
        Path killedOut = rb.getParent().resolve("killed.out");
        Process p = Child.start(killedOut, args.toArray(String[]::new));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!killAt.test(records(state))) {
                assertThat(p.isAlive()).as("the run ended before the kill point: " + Files.readString(rb.getParent().resolve("killed.out"))).isTrue();
                assertThat(System.nanoTime()).as("kill point reached in time").isLessThan(deadline);
                Thread.sleep(3); // a poll interval
            }
            // A killed engine does not stop the commands it started (local children, sshd sessions):
            // like an operator, wait for them to end before resuming, so the re-check does not race them.
            List<ProcessHandle> started = Stream.concat(p.descendants(), ProcessHandle.current().descendants())
                    .filter(h -> !daemons.contains(h.pid()) && h.pid() != p.pid()).toList();
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // A command whose request was still in flight when the engine died may start only now:
            // wait until the daemons (e.g. sshd) have no session left and no orphan of the killed run
            // is alive, looking afresh each time. Other processes of this JVM (another class's browser
            // or servers) are not the killed run's and are not waited for.
            dev.runbook.testing.Ports.await("the commands the killed run started to end", java.time.Duration.ofSeconds(60),
                    () -> started.stream().noneMatch(ProcessHandle::isAlive)
                            && daemons.stream().flatMap(d -> ProcessHandle.of(d).stream()).flatMap(ProcessHandle::descendants)
                                    .allMatch(h -> daemons.contains(h.pid()) || !h.isAlive())
                            && !Child.leftBehind(killedOut));
        } finally {
            p.destroyForcibly();
        }
        java.util.Set<List<Object>> finished = keys(records(state), "task_finished");
        int before = records(state).size();
        Cli.Result resumed = apply(rb, state, "--resume");
        assertThat(resumed.exit()).as(name + ": " + resumed.out() + resumed.err()).isZero();
        assertThat(resumed.err()).contains("took over the lock");
        List<Map<String, Object>> after = records(state);
        assertThat(after.get(before).get("type")).isEqualTo("run_resumed");
        assertThat(keys(after.subList(before, after.size()), "task_started")).as("nothing the killed run finished was started again")
                .filteredOn(finished::contains).isEmpty();
        return state(rb.getParent());
    }

    private Cli.Result apply(Path rb, Path state, String... more) {
        List<String> args = new ArrayList<>(List.of("apply", rb.toString(), "--state-dir", state.toString()));
        args.addAll(connectionArgs);
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    static List<Map<String, Object>> records(Path state) {
        Path runs = state.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            List<Path> dirs = s.toList();
            if (dirs.isEmpty()) {
                return List.of();
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (String line : Files.readAllLines(dirs.get(0).resolve("journal.jsonl"))) {
                Map<String, Object> m = Json.parse(line);
                if (m != null) {
                    out.add(m);
                }
            }
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Each host's counter lines (sorted: independent steps interleave) with the token made uniform, and its tries. */
    private Map<String, List<String>> state(Path base) throws IOException {
        Map<String, List<String>> out = new TreeMap<>();
        for (String h : hosts) {
            List<String> lines = Files.readAllLines(base.resolve(h).resolve("count"));
            List<String> tokens = lines.stream().flatMap(l -> Stream.of(l.split(" "))).filter(w -> w.startsWith("tok-"))
                    .map(w -> w.replace("-derived", "")).distinct().toList();
            assertThat(tokens).as(h + ": one token, restored from the journal, not made again: " + lines).hasSize(1);
            List<String> normal = new ArrayList<>(lines.stream().map(l -> l.replace(tokens.get(0), "TOKEN")).sorted().toList());
            normal.add("tries=" + Files.readAllLines(base.resolve(h).resolve("tries")).size());
            out.put(h, normal);
        }
        return out;
    }

    private static java.util.Set<Long> pids(Stream<ProcessHandle> handles) {
        return handles.map(ProcessHandle::pid).collect(java.util.stream.Collectors.toSet());
    }

    private static java.util.Set<List<Object>> keys(List<Map<String, Object>> records, String type) {
        java.util.Set<List<Object>> out = new java.util.HashSet<>();
        for (Map<String, Object> r : records) {
            if (type.equals(r.get("type"))) {
                out.add(List.of(r.get("host"), r.get("step"), r.get("index"), r.get("item_index")));
            }
        }
        return out;
    }

    static Predicate<List<Map<String, Object>>> afterStarts(int n) {
        return rs -> rs.stream().filter(r -> "task_started".equals(r.get("type"))).count() >= n;
    }

    static Predicate<List<Map<String, Object>>> whenStarted(String step, int item) {
        return rs -> rs.stream().anyMatch(r -> "task_started".equals(r.get("type")) && step.equals(r.get("step"))
                && ((Number) r.get("item_index")).intValue() == item);
    }
}

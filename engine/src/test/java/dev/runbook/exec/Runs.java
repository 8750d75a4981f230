package dev.runbook.exec;

import dev.runbook.Engine;
import dev.runbook.event.RunEvent;
import dev.runbook.event.RunListener;
import dev.runbook.modules.ModuleRegistry;
import dev.runbook.plan.StepGraph;
import dev.runbook.template.JinjavaTemplater;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Runs a runbook written inline on local "hosts" and records every event, for semantics tests. */
final class Runs {
    static final Engine ENGINE = new Engine(ModuleRegistry.builtins(), new JinjavaTemplater(),
            (inner, user, password) -> inner);

    record Outcome(RunResult result, List<RunEvent> events) {
        <T extends RunEvent> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        RunEvent.StepFinished step(String host, String step) {
            return of(RunEvent.StepFinished.class).stream().filter(s -> s.host().equals(host) && s.step().equals(step))
                    .findFirst().orElseThrow(() -> new AssertionError("no StepFinished for " + host + "/" + step));
        }

        /** Index of the first event matching, for order assertions. */
        int indexOf(java.util.function.Predicate<RunEvent> p) {
            for (int i = 0; i < events.size(); i++) {
                if (p.test(events.get(i))) {
                    return i;
                }
            }
            throw new AssertionError("no such event");
        }
    }

    private Runs() {
    }

    static Path write(Path dir, String yaml) throws IOException {
        Path f = dir.resolve("runbook.yml");
        Files.writeString(f, yaml);
        return f;
    }

    static List<TargetHost> hosts(String... names) {
        List<TargetHost> out = new ArrayList<>();
        for (String n : names) {
            out.add(new TargetHost(n, Map.of(), Map.of("ansible_connection", "local"), List.of("all")));
        }
        return out;
    }

    static Outcome run(Path file, RunEvent.Mode mode, Map<String, Object> extra, String only, String from,
                       String... hostNames) throws InterruptedException {
        StepGraph g = ENGINE.load(file);
        List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
        RunListener l = events::add;
        RunTargets targets = new RunTargets(hosts(hostNames.length == 0 ? new String[] {"localhost"} : hostNames),
                Map.of("all", List.of(hostNames)), new DefaultConnector(null));
        RunChoices choices = new RunChoices(mode, false, 50, extra, new StepFilter(only, from), null);
        RunRequest req = new RunRequest(g.runbook(), targets, choices, file.getParent().resolve(".runbook"), null);
        RunResult r = ENGINE.run(g, req, l, new RunControl());
        return new Outcome(r, List.copyOf(events));
    }

    static Outcome apply(Path file, String... hosts) throws InterruptedException {
        return run(file, RunEvent.Mode.APPLY, Map.of(), null, null, hosts);
    }
}

package dev.runbook.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.diag.UserInputException;
import dev.runbook.event.RunEvent;
import dev.runbook.event.TaskOutcome;
import dev.runbook.inventory.Inventory;
import dev.runbook.plan.StepGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every ```yaml block of docs/*.md and README.md is real: a runbook (whole, a steps: map, a task
 * list or one task) that validates, an inventory that loads, or a map of variable names; every engine variable an example
 * reads ({@code ansible_*}, {@code runbook_*}, {@code inventory_*}, {@code run_id}, ...) exists;
 * and the whole runbooks that need nothing from outside run (as a plan) on localhost without an
 * undefined variable.
 */
class DocsExamplesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{(.*?)}}|\\bwhen: (.*)");
    /** Names that look like the engine's own variables: an example must not invent one. */
    private static final Pattern ENGINE_NAME = Pattern.compile(
            "(?<![\\w.'\"])(ansible_\\w+|runbook_\\w+|inventory_\\w+|run_id|playbook_dir|group_names|groups|hostvars)\\b");
    /** Modules that reach outside the machine or need a service: their runbooks are validated, not run. */
    private static final Set<String> NEEDS_OUTSIDE = Set.of("http", "get_url", "mysql_query", "mysql_dump",
            "mysql_restore", "package", "service", "wait_for");

    @TempDir
    Path dir;

    record Block(String file, int line, String yaml) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    static Stream<Block> blocks() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        files.add(ROOT.resolve("README.md"));
        List<Block> out = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(f);
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 2;
                out.add(new Block(ROOT.relativize(f).toString(), line, m.group(1)));
            }
        }
        return out.stream();
    }

    @Test
    void thereAreExamplesToCheck() throws IOException {
        assertThat(blocks().count()).isGreaterThan(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void everyExampleValidates(Block b) throws Exception {
        Object doc = load(b);
        if (doc instanceof Map<?, ?> m && (m.containsKey("all") || m.containsKey("ungrouped"))) {
            Path inv = dir.resolve("inventory.yml");
            Files.writeString(inv, b.yaml());
            assertThat(Inventory.load(inv).hosts()).as(b + ": an inventory").isNotEmpty();
            return;
        }
        if (doc instanceof Map<?, ?> m && !m.containsKey("runbook") && !m.containsKey("steps")
                && m.keySet().stream().noneMatch(k -> Runs.ENGINE.modules().find(String.valueOf(k).replace("ansible.builtin.", "")).isPresent())) {
            // variables (a vars file for -e @file): names a template can use
            assertThat(m.keySet()).as(b + ": variable names").allMatch(k -> String.valueOf(k).matches("[A-Za-z_][A-Za-z0-9_]*"));
            return;
        }
        // an example that includes files (../system/update.yml) is read as a runbook next to runbooks/system/
        Path where = b.yaml().contains("include:") ? Files.createTempDirectory(ROOT.resolve("runbooks"), ".docs-example-") : dir;
        Path file = Runs.write(where, runbook(b, doc));
        DocRoles.create(doc, where);
        try {
            StepGraph g = Runs.ENGINE.load(file);
            assertThat(g.order()).as(b.toString()).isNotEmpty();
        } catch (UserInputException e) {
            throw new AssertionError(b + ": the example does not validate:\n" + e.getMessage() + "\n" + Files.readString(file), e);
        } finally {
            if (where != dir) {
                Files.delete(file);
                Files.delete(where);
            }
        }
    }

    private static Object load(Block b) {
        try {
            return new Load(LoadSettings.builder().build()).loadFromString(b.yaml());
        } catch (RuntimeException e) {
            throw new AssertionError(b + ": not YAML (a placeholder like '...' in an example?): " + e.getMessage(), e);
        }
    }

    /** The block as a whole runbook: a runbook, a steps: map, a task list, or one task. */
    private static String runbook(Block b, Object doc) {
        if (doc instanceof Map<?, ?> m && m.containsKey("runbook")) {
            return b.yaml();
        }
        if (doc instanceof Map<?, ?> m && m.containsKey("steps")) {
            return "runbook: docs-example\n" + b.yaml();
        }
        String tasks = doc instanceof List<?> ? b.yaml() : "- " + b.yaml().replace("\n", "\n  ");
        return "runbook: docs-example\nsteps:\n  example:\n    tasks:\n" + tasks.indent(6);
    }

    @Test
    void everyEngineVariableTheExamplesReadExists() throws Exception {
        Map<String, String> used = new LinkedHashMap<>();
        for (Block b : blocks().toList()) {
            Matcher t = TEMPLATE.matcher(b.yaml());
            while (t.find()) {
                String expr = t.group(1) != null ? t.group(1) : t.group(2);
                Matcher n = ENGINE_NAME.matcher(expr);
                while (n.find()) {
                    used.putIfAbsent(n.group(1), b.toString());
                }
            }
        }
        assertThat(used).containsKeys("inventory_hostname", "runbook_run_id", "ansible_date_time");
        // checked inside a rescue, where ansible_failed_task and ansible_failed_result are defined too
        StringBuilder yaml = new StringBuilder("runbook: engine-vars\nsteps:\n  s:\n    tasks:\n"
                + "      - block:\n          - fail: {msg: into the rescue}\n        rescue:\n");
        for (String name : used.keySet()) {
            yaml.append("          - debug: {msg: \"").append(name).append("={{ ").append(name).append(" is defined }}\"}\n");
        }
        Runs.Outcome o = Runs.apply(Runs.write(dir, yaml.toString()));
        Set<String> missing = new TreeSet<>();
        for (RunEvent.TaskFinished f : o.of(RunEvent.TaskFinished.class)) {
            if (!(f.outcome() instanceof TaskOutcome.Ok ok)) {
                continue; // the failing task that leads into the rescue
            }
            String msg = ok.msg();
            if (msg.endsWith("=False")) {
                String name = msg.substring(0, msg.indexOf('='));
                missing.add(name + " (" + used.get(name) + ")");
            }
        }
        assertThat(missing).as("variables the docs use that the engine does not define").isEmpty();
    }

    @Test
    void wholeRunbooksThatNeedNothingOutsideRunAsAPlanWithoutUndefinedVariables() throws Exception {
        Set<String> ran = new LinkedHashSet<>();
        for (Block b : blocks().toList()) {
            Object doc = load(b);
            if (!(doc instanceof Map<?, ?> m && m.containsKey("runbook")) || NEEDS_OUTSIDE.stream().anyMatch(x -> b.yaml().contains(x + ":"))) {
                continue;
            }
            Path file = Runs.write(dir, b.yaml());
            DocRoles.create(doc, dir);
            Runs.Outcome o = Runs.run(file, RunEvent.Mode.PLAN, Map.of(), null, null, "localhost");
            List<String> undefined = o.of(RunEvent.TaskFinished.class).stream()
                    .filter(f -> f.outcome() instanceof TaskOutcome.Failed)
                    .map(f -> ((TaskOutcome.Failed) f.outcome()).msg())
                    .filter(msg -> msg.contains("undefined") || msg.contains("cannot be rendered")).toList();
            assertThat(undefined).as(b.toString()).isEmpty();
            ran.add(b.toString());
        }
        assertThat(ran).anyMatch(r -> r.startsWith("README.md:"));
    }
}

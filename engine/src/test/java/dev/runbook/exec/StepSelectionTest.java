package dev.runbook.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.event.RunEvent;
import dev.runbook.event.StepStatus;
import dev.runbook.event.TaskOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --only and --from: named steps run whatever their policy; discovery steps always run first. */
class StepSelectionTest {
    @TempDir
    Path dir;

    @BeforeEach
    void shop() throws Exception {
        Files.writeString(dir.resolve("db_name.txt"), "shop_db\n");
    }

    private static List<String> warnings(Runs.Outcome o) {
        return o.of(RunEvent.Warning.class).stream().map(RunEvent.Warning::message).toList();
    }

    private static List<String> messages(Runs.Outcome o, String step) {
        return o.of(RunEvent.TaskFinished.class).stream().filter(t -> t.step().equals(step))
                .map(t -> t.outcome() instanceof TaskOutcome.Ok ok ? ok.msg() : t.outcome().status()).toList();
    }

    @Test
    void onlyRunsAnOnFailureStepItNamesAndSaysWhy() throws Exception {
        Path f = Runs.write(dir, """
                runbook: upgrade
                steps:
                  deploy:
                    tasks: [{debug: {msg: deploying}}]
                  restore:
                    needs: [deploy]
                    run: on-failure
                    tasks: [{debug: {msg: restoring}}]
                  after:
                    needs: [restore]
                    run: on-failure
                    tasks: [{debug: {msg: after}}]
                """);
        Runs.Outcome only = Runs.run(f, RunEvent.Mode.APPLY, Map.of(), "restore", null);
        assertThat(only.result().status()).isEqualTo(RunResult.Status.OK);
        assertThat(messages(only, "restore")).containsExactly("restoring");
        assertThat(warnings(only)).containsExactly(
                "step 'restore' runs because --only names it (run: on-failure would skip it: no step it needs failed)");

        Runs.Outcome from = Runs.run(f, RunEvent.Mode.APPLY, Map.of(), null, "restore");
        assertThat(messages(from, "restore")).containsExactly("restoring");
        // only the named step: the on-failure step after it keeps its policy
        assertThat(from.step("localhost", "after").status()).isEqualTo(StepStatus.SKIPPED);

        Runs.Outcome all = Runs.apply(f);
        assertThat(all.step("localhost", "restore").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(warnings(all)).isEmpty();
    }

    private static final String SHOP = """
            runbook: shop
            steps:
              find-db:
                %s
                tasks:
                  - slurp: {src: "%s/db_name.txt"}
                    register: config
                  - set_fact:
                      db_name: "{{ config.content | b64decode | trim }}"
              backup:
                needs: [find-db]
                tasks:
                  - debug: {msg: "backing up {{ db_name }}"}
                    when: db_name is defined
              migrate:
                needs: [backup]
                tasks:
                  - debug: {msg: "migrating {{ db_name }}"}
                    when: db_name is defined
            """;

    @Test
    void withoutDiscoveryOnlyWarnsThatTheConditionWasFalseForWantOfTheFact() throws Exception {
        Path f = Runs.write(dir, SHOP.formatted("", dir));
        Runs.Outcome all = Runs.apply(f);
        assertThat(messages(all, "migrate")).containsExactly("migrating shop_db");

        Runs.Outcome only = Runs.run(f, RunEvent.Mode.APPLY, Map.of(), "migrate", null);
        assertThat(messages(only, "migrate")).containsExactly("skipped");
        assertThat(warnings(only)).containsExactly("migrate › debug: when: db_name is defined was false, and 'db_name' is "
                + "undefined because the step that sets it did not run on this host: 'find-db' (not selected by --only); "
                + "the task was skipped");
    }

    @Test
    void aLoopWarnsOnceNotOncePerItem() throws Exception {
        Path f = Runs.write(dir, """
                runbook: loop
                steps:
                  find:
                    tasks: [{set_fact: {tables: [a, b]}}]
                  use:
                    needs: [find]
                    tasks:
                      - debug: {msg: "{{ item }}"}
                        loop: [1, 2, 3]
                        when: tables is defined
                """);
        Runs.Outcome only = Runs.run(f, RunEvent.Mode.APPLY, Map.of(), "use", null);
        assertThat(warnings(only)).hasSize(1);
        assertThat(warnings(only).get(0)).contains("'tables' is undefined because the step that sets it did not run");
    }

    @Test
    void aDiscoveryStepRunsFirstWhateverOnlyOrFromSelectAndInPlans() throws Exception {
        Path f = Runs.write(dir, SHOP.formatted("discovery: true", dir));
        Runs.Outcome only = Runs.run(f, RunEvent.Mode.APPLY, Map.of(), "migrate", null);
        assertThat(only.result().status()).isEqualTo(RunResult.Status.OK);
        assertThat(messages(only, "migrate")).containsExactly("migrating shop_db");
        assertThat(messages(only, "backup")).isEmpty();
        assertThat(warnings(only)).isEmpty();
        int found = only.indexOf(e -> e instanceof RunEvent.StepFinished s && s.step().equals("find-db"));
        int migrate = only.indexOf(e -> e instanceof RunEvent.StepStarted s && s.step().equals("migrate"));
        assertThat(found).isLessThan(migrate);

        Runs.Outcome from = Runs.run(f, RunEvent.Mode.APPLY, Map.of(), null, "backup");
        assertThat(messages(from, "backup")).containsExactly("backing up shop_db");

        Runs.Outcome plan = Runs.run(f, RunEvent.Mode.PLAN, Map.of(), "migrate", null);
        assertThat(plan.result().status()).isEqualTo(RunResult.Status.OK);
        assertThat(plan.step("localhost", "find-db").status()).isEqualTo(StepStatus.PLANNED);
        RunEvent.TaskFinished read = plan.of(RunEvent.TaskFinished.class).stream().filter(t -> t.step().equals("find-db"))
                .findFirst().orElseThrow();
        assertThat(((TaskOutcome.Planned) read.outcome()).change().summary()).startsWith("read 8 bytes from");
        // the fact the discovery step found is known to the plan of the selected step
        RunEvent.TaskFinished planned = plan.of(RunEvent.TaskFinished.class).stream().filter(t -> t.step().equals("migrate"))
                .findFirst().orElseThrow();
        assertThat(planned.outcome() instanceof TaskOutcome.Ok ok ? ok.msg()
                : planned.outcome() instanceof TaskOutcome.Planned p ? p.change().summary() : planned.outcome().toString())
                .isEqualTo("migrating shop_db");
        assertThat(plan.indexOf(e -> e instanceof RunEvent.StepFinished s && s.step().equals("find-db")))
                .isLessThan(plan.indexOf(e -> e instanceof RunEvent.StepStarted s && s.step().equals("migrate")));
    }

    @Test
    void everyOtherStepComesAfterTheDiscoverySteps() throws Exception {
        Path f = Runs.write(dir, """
                runbook: order
                steps:
                  early: {tasks: [{debug: {msg: early}}]}
                  late: {needs: [early], tasks: [{debug: {msg: late}}]}
                  facts: {discovery: true, tasks: [{stat: {path: /}, register: root}]}
                """);
        var g = Runs.ENGINE.load(f);
        assertThat(g.order()).containsExactly("facts", "early", "late");
        assertThat(g.needs("early")).containsExactly("facts");
        assertThat(g.needs("late")).containsExactly("early");
    }
}

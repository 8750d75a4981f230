package dev.runbook.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.model.Runbook;
import dev.runbook.model.Step;
import dev.runbook.model.Task;
import dev.runbook.model.TaskNode;
import dev.runbook.modules.ModuleRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How blocks, flush points and handlers become a step's numbered tasks and flow, keywords handed down. */
class BlocksParseTest {
    @TempDir
    Path dir;

    private Step step(String yaml) throws Exception {
        Files.writeString(dir.resolve("rb.yml"), yaml);
        RunbookParser parser = new RunbookParser(ModuleRegistry.builtins());
        Runbook rb = parser.parse(dir.resolve("rb.yml")).orElseThrow(() -> new AssertionError(parser.diagnostics().all()));
        return rb.steps().values().iterator().next();
    }

    @Test
    void blockKeywordsReachEveryTaskInsideNestedBlocksAndIncludedFilesToo() throws Exception {
        Files.writeString(dir.resolve("more.yml"), "- name: included\n  command: \"true\"\n");
        Step s = step("""
                runbook: b
                steps:
                  s:
                    tasks:
                      - name: outer
                        when: a is defined
                        become: true
                        become_user: shop
                        vars: {x: outer, y: outer}
                        no_log: true
                        check_mode: false
                        notify: h
                        block:
                          - name: first
                            command: "true"
                            vars: {y: own}
                          - name: inner
                            when: b
                            ignore_errors: true
                            block:
                              - include: more.yml
                              - name: own notify
                                command: "true"
                                notify: other
                        rescue:
                          - name: repair
                            command: "true"
                        always:
                          - meta: flush_handlers
                          - name: last
                            command: "true"
                            become_user: root
                    handlers:
                      - {name: h, command: "true"}
                      - {name: other, command: "true", listen: [topic]}
                """);
        assertThat(s.tasks()).extracting(Task::displayName).containsExactly("first", "included", "own notify", "repair", "last");
        Task first = s.tasks().get(0);
        assertThat(first.when().text()).isEqualTo("a is defined");
        assertThat(first.become().enabled()).isTrue();
        assertThat(first.become().user()).isEqualTo("shop");
        assertThat(first.vars()).containsEntry("x", "outer").containsEntry("y", "own");
        assertThat(first.noLog()).isTrue();
        assertThat(first.checkMode()).isFalse();
        assertThat(first.ignoreErrors()).isFalse();
        Task included = s.tasks().get(1);
        assertThat(included.when().text()).isEqualTo("(a is defined) and (b)");
        assertThat(included.ignoreErrors()).isTrue();
        assertThat(s.tasks().get(4).become().user()).isEqualTo("root");

        TaskNode.Block outer = (TaskNode.Block) s.flow().body().get(0);
        assertThat(outer.name()).isEqualTo("outer");
        assertThat(outer.block().get(0)).isEqualTo(new TaskNode.Run(0, List.of("h")));
        TaskNode.Block inner = (TaskNode.Block) outer.block().get(1);
        assertThat(inner.block()).containsExactly(new TaskNode.Run(1, List.of("h")), new TaskNode.Run(2, List.of("other")));
        assertThat(outer.rescue()).containsExactly(new TaskNode.Run(3, List.of("h")));
        assertThat(outer.always().get(0)).isInstanceOf(TaskNode.FlushHandlers.class);
        assertThat(((TaskNode.FlushHandlers) outer.always().get(0)).point()).isZero();
        assertThat(s.flow().flushPoints()).isEqualTo(2);
        assertThat(s.flow().tasksOutsideRescue()).isEqualTo(4);
    }

    @Test
    void handlerRunsHaveTheirOwnIndicesAfterTheTasksOnePerFlushPoint() throws Exception {
        Step s = step("""
                runbook: h
                steps:
                  s:
                    tasks:
                      - {name: a, command: "true", notify: topic}
                      - meta: flush_handlers
                      - {name: b, command: "true", tags: [never]}
                      - {name: c, command: "true"}
                    handlers:
                      - {name: one, command: "true", listen: topic}
                      - {name: two, command: "true", listen: [topic, x]}
                """);
        assertThat(s.tasks()).extracting(Task::displayName).as("a task tagged never is left out").containsExactly("a", "c");
        assertThat(s.flow().answering("topic")).containsExactly(0, 1);
        assertThat(s.flow().answering("two")).containsExactly(1);
        assertThat(s.indexCount()).isEqualTo(2 + 2 * 2);
        assertThat(s.handlerRunIndex(0, 1)).isEqualTo(3);
        assertThat(s.handlerRunIndex(1, 0)).isEqualTo(4);
        assertThat(s.taskAt(4).displayName()).isEqualTo("one");
        assertThat(s.taskAt(6)).isNull();
    }
}

package dev.runbook.modules.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.connection.local.LocalConnection;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.TestModuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** pause: seconds, a prompt answered on a terminal, and a prompt with no terminal to answer it. */
class PauseTest {
    final Pause module = new Pause();
    final TestModuleContext ctx = new TestModuleContext(new LocalConnection("localhost"));

    @Test
    void aPromptOnATerminalRegistersTheAnswer() throws Exception {
        List<String> asked = new ArrayList<>();
        ctx.prompter(q -> {
            asked.add(q);
            return Optional.of("go");
        });
        ModuleResult r = module.apply(ctx, TestModuleContext.args(module, Map.of("prompt", "Shop in maintenance? Press enter")));
        assertThat(asked).containsExactly("Shop in maintenance? Press enter: ");
        assertThat(r.changed()).isFalse();
        assertThat(r.data()).containsEntry("user_input", "go").containsEntry("echo", true).containsEntry("rc", 0)
                .containsKeys("start", "stop", "delta", "stdout");
        assertThat((String) r.data().get("stdout")).startsWith("Paused for ").endsWith(" seconds");
    }

    @Test
    void withoutATerminalAPromptIsNotWaitedForAsInAnsible() throws Exception {
        ModuleResult r = module.apply(ctx, TestModuleContext.args(module, Map.of("prompt", "Continue?", "echo", false)));
        assertThat(r.failed()).isFalse();
        assertThat(r.msg()).isEqualTo("Not waiting for response to prompt as stdin is not interactive");
        assertThat(r.data()).containsEntry("user_input", "").containsEntry("echo", false);
    }

    @Test
    void hiddenAnswersAreAskedForSo() throws Exception {
        List<String> asked = new ArrayList<>();
        ctx.prompter(q -> {
            asked.add(q);
            return Optional.of("secret");
        });
        module.apply(ctx, TestModuleContext.args(module, Map.of("echo", false)));
        assertThat(asked).containsExactly("Press enter to continue, Ctrl+C to interrupt (output is hidden): ");
    }

    @Test
    void secondsPauseAndPlansDoNot() throws Exception {
        ModuleResult r = module.apply(ctx, TestModuleContext.args(module, Map.of("seconds", 0)));
        assertThat((String) r.data().get("stdout")).matches("Paused for \\d+\\.\\d+ seconds");
        var plan = module.check(ctx.checkMode(true), TestModuleContext.args(module, Map.of("minutes", 5)));
        assertThat(plan.kind()).isEqualTo(ChangeKind.NONE);
        assertThat(plan.summary()).isEqualTo("would pause for 300 seconds (not while planning)");
        assertThat(module.validate(TestModuleContext.args(module, Map.of("minutes", 1, "seconds", 3))))
                .containsExactly("parameters are mutually exclusive: minutes|seconds");
    }
}

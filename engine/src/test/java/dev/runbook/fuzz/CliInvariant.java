package dev.runbook.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The invariant every fuzzed command keeps: an expected exit code, no internal error, no stack trace; a user error names the file. */
final class CliInvariant {
    private CliInvariant() {
    }

    static void userErrorAtMost(Cli.Result r, Path file, int... allowed) {
        String all = r.out() + r.err();
        assertThat(all).as(all).doesNotContain("internal error", "Exception", "\tat ");
        assertThat(List.of(Arrays.stream(allowed).boxed().toArray(Integer[]::new))).as(all).contains(r.exit());
        if (r.exit() == 4) {
            assertThat(all).as(all).contains(file.getFileName().toString());
        }
    }
}

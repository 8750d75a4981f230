package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad runbooks in, exact diagnostics out (src/test/resources/bad/NAME.yml and NAME.expected). */
class ValidateCommandTest {
    private static final Path BAD = Path.of("src/test/resources/bad");

    static Stream<String> badRunbooks() throws IOException {
        try (Stream<Path> files = Files.list(BAD)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".expected"))
                    .map(n -> n.substring(0, n.length() - ".expected".length()))
                    .sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("badRunbooks")
    void reportsEveryErrorWithPlaceAndExitsFour(String name) throws IOException {
        Cli.Result r = Cli.run("validate", BAD.resolve(name + ".yml").toString());
        assertThat(r.err()).isEqualTo(Files.readString(BAD.resolve(name + ".expected")));
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void goodRunbookSaysOk() {
        Cli.Result r = Cli.run("validate", "../examples/hello/hello.yml");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("../examples/hello/hello.yml: ok (3 steps, 6 tasks)\n");
    }

    @Test
    void missingFileIsAUserError() {
        Cli.Result r = Cli.run("validate", "no-such-runbook.yml");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("no-such-runbook.yml: error: file 'no-such-runbook.yml' does not exist\n"
                + "1 error; nothing was run\n");
    }
}

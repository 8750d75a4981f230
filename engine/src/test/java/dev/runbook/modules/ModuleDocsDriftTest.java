package dev.runbook.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/modules.md is generated from the modules' declarations; this fails when they drift apart. */
class ModuleDocsDriftTest {
    @Test
    void docsMatchTheDeclarations() throws Exception {
        String generated = ModuleDocs.markdown(ModuleRegistry.builtins().all());
        String committed = Files.readString(Path.of("../docs/modules.md"));
        assertThat(committed)
                .as("docs/modules.md is out of date: run ./runbook modules --markdown > docs/modules.md")
                .isEqualTo(generated);
    }

    @Test
    void everyModuleDescribesEveryArgument() {
        for (Module m : ModuleRegistry.builtins().all()) {
            assertThat(m.spec().description()).as(m.name()).isNotBlank();
            for (ArgSpec a : m.spec().args()) {
                assertThat(a.description()).as(m.name() + "." + a.name()).isNotBlank();
            }
        }
    }
}

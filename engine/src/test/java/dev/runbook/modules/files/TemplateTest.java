package dev.runbook.modules.files;

import static dev.runbook.modules.files.FilesTesting.converges;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.testing.TestModuleContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** template: rendering feeds the copy decision; from fixture probes, then on this machine. */
class TemplateTest {
    @TempDir
    Path controller;
    @TempDir
    Path host;
    final Template module = new Template();

    @BeforeEach
    void template() throws Exception {
        Files.createDirectories(controller.resolve("templates"));
        Files.writeString(controller.resolve("templates/vhost.conf.j2"), "server_name {{ domain }};\nlisten {{ port }};\n");
    }

    @Test
    void planDiffsTheRenderedContentAgainstTheFixtureFile() throws Exception {
        String probe = "U 0022\n0 F 81a4 0 0 1 1 30 1 root root\n0 S 0000\n2 F 41ed 0 0 1 1 4096 1 root root\n";
        var fixture = new FilesTesting.Fixture(probe, "server_name old.example;\nlisten 80;\n".getBytes(StandardCharsets.UTF_8));
        TestModuleContext ctx = new TestModuleContext(fixture).checkMode(true).controllerDir(controller)
                .var("domain", "shop.example").var("port", 80);
        Change c = module.check(ctx, FilesTesting.args(module, Map.of("src", "templates/vhost.conf.j2", "dest", "/etc/nginx/shop.conf")));
        assertThat(c.kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(c.diff()).isEqualTo("--- before: /etc/nginx/shop.conf\n+++ after: /etc/nginx/shop.conf\n@@ -1,2 +1,2 @@\n"
                + "-server_name old.example;\n+server_name shop.example;\n listen 80;\n");
        assertThat(fixture.sent()).allMatch(r -> r.readOnly());
    }

    @Test
    void rendersOnThisMachineAndConverges() throws Exception {
        Path dest = host.resolve("shop.conf");
        Path tree = host;
        var args = Map.<String, Object>of("src", "templates/vhost.conf.j2", "dest", dest.toString(), "mode", "0644");
        String before = FilesTesting.fingerprint(tree);
        Change planned = module.check(ctxCheck(), FilesTesting.args(module, args));
        assertThat(planned.kind()).isEqualTo(ChangeKind.CREATE);
        assertThat(planned.diff()).contains("+server_name shop.example;");
        assertThat(FilesTesting.fingerprint(tree)).as("check mode changed nothing").isEqualTo(before);
        assertThat(module.apply(ctxApply(), FilesTesting.args(module, args)).changed()).isTrue();
        assertThat(Files.readString(dest)).isEqualTo("server_name shop.example;\nlisten 8080;\n");
        assertThat(FilesTesting.fingerprint(tree)).isNotEqualTo(before);
        assertThat(module.check(ctxCheck(), FilesTesting.args(module, args)).kind()).isEqualTo(ChangeKind.NONE);
        assertThat(module.apply(ctxApply(), FilesTesting.args(module, args)).changed()).isFalse();
    }

    @Test
    void contractHoldsWithTheSharedHelper() throws Exception {
        // converges() renders with the plain substitution renderer: no variables, text kept.
        Files.writeString(controller.resolve("plain.j2"), "static\n");
        converges(module, Map.of("src", "plain.j2", "dest", host.resolve("plain").toString()), host, controller, ChangeKind.CREATE);
    }

    @Test
    void missingTemplateIsAClearError() {
        assertThatThrownBy(() -> module.check(ctxCheck(), FilesTesting.args(module, Map.of("src", "nope.j2", "dest", host + "/x"))))
                .hasMessage("template nope.j2 not found on the controller (looked for " + controller.resolve("nope.j2") + ")");
    }

    TestModuleContext ctxCheck() {
        return FilesTesting.checkCtx(controller).var("domain", "shop.example").var("port", 8080);
    }

    TestModuleContext ctxApply() {
        return FilesTesting.applyCtx(controller).var("domain", "shop.example").var("port", 8080);
    }
}

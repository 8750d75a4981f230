package dev.runbook.connection.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetResolverTest {
    private static final SshConfig CONFIG = SshConfig.parse(List.of(
            "# comment",
            "Host db-* !db-test",
            "    HostName 10.0.0.5",
            "    User dbadmin",
            "    Port 2200",
            "    IdentityFile ~/.ssh/db_key",
            "Host bastion",
            "    HostName bastion.example.net",
            "    User jump",
            "Host *",
            "    User fallback",
            "    IdentityFile %d/.ssh/extra",
            "    ProxyJump bastion",
            "    ConnectTimeout 7"));
    private final TargetResolver resolver = new TargetResolver(CONFIG, Path.of("/home/me"), "me");

    @Test
    void inventoryVariablesWinOverTheSshConfig() {
        SshTarget t = resolver.resolve("db-1", Map.of("ansible_host", "db-1", "ansible_user", "root",
                "ansible_port", 2222, "ansible_ssh_private_key_file", "~/keys/id", "ansible_ssh_pass", "pw",
                "ansible_ssh_common_args", "-o ProxyJump=ops@gate:2022 -o StrictHostKeyChecking=no"));
        assertThat(t.address()).isEqualTo("10.0.0.5");
        assertThat(t.user()).isEqualTo("root");
        assertThat(t.port()).isEqualTo(2222);
        assertThat(t.identityFiles()).containsExactly(Path.of("/home/me/keys/id"), Path.of("/home/me/.ssh/db_key"),
                Path.of("/home/me/.ssh/extra"));
        assertThat(t.password()).isEqualTo("pw");
        assertThat(t.proxyJump()).isEqualTo("ops@gate:2022");
        assertThat(t.toString()).doesNotContain("pw,").contains("password=****");
    }

    @Test
    void theSshConfigFillsWhatTheInventoryLeavesOpen() {
        SshTarget t = resolver.resolve("db-2", Map.of());
        assertThat(t.address()).isEqualTo("10.0.0.5");
        assertThat(t.user()).isEqualTo("dbadmin");
        assertThat(t.port()).isEqualTo(2200);
        assertThat(t.proxyJump()).isEqualTo("bastion");
        assertThat(t.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void negatedPatternsAndDefaults() {
        SshTarget t = resolver.resolve("db-test", Map.of());
        assertThat(t.address()).isEqualTo("db-test");
        assertThat(t.user()).isEqualTo("fallback");
        assertThat(t.port()).isEqualTo(22);
        SshTarget plain = new TargetResolver(SshConfig.EMPTY, Path.of("/home/me"), "me").resolve("web", Map.of());
        assertThat(plain.user()).isEqualTo("me");
        assertThat(plain.port()).isEqualTo(22);
        assertThat(plain.proxyJump()).isNull();
        assertThat(plain.connectTimeout()).isEqualTo(SshTarget.DEFAULT_CONNECT_TIMEOUT);
    }

    @Test
    void theJumpHostIsResolvedThroughTheConfigToo() {
        SshTarget t = resolver.resolve("db-2", Map.of());
        SshTarget jump = resolver.jumpTarget(t);
        assertThat(jump.address()).isEqualTo("bastion.example.net");
        assertThat(jump.user()).isEqualTo("jump");
        assertThat(jump.proxyJump()).isNull();
        SshTarget explicit = resolver.jumpTarget(t.withProxyJump("ops@10.1.1.1:2022"));
        assertThat(explicit.endpoint()).isEqualTo("ops@10.1.1.1:2022");
        assertThat(TargetResolver.jumpFromArgs("-J admin@gw")).isEqualTo("admin@gw");
    }

    @Test
    void badPortsAreNamed() {
        assertThatThrownBy(() -> resolver.resolve("web", Map.of("ansible_port", "ssh")))
                .hasMessageContaining("web").hasMessageContaining("'ssh' is not a number");
        assertThatThrownBy(() -> resolver.jumpTarget(resolver.resolve("web", Map.of()).withProxyJump("a,b")))
                .hasMessageContaining("only one jump host");
    }

    @Test
    void keepAlivesComeFromSshOptionsThenTheConfigThenTheDefault() {
        SshConfig cfg = SshConfig.parse(List.of("Host *", "  ServerAliveInterval 30", "  ServerAliveCountMax 4"));
        TargetResolver r = new TargetResolver(cfg, Path.of("/home/me"), "me");
        assertThat(r.resolve("a", Map.of()).keepAlive()).isEqualTo(new SshTarget.KeepAlive(Duration.ofSeconds(30), 4));
        SshTarget t = r.resolve("b", Map.of("ansible_ssh_common_args", "-o ServerAliveInterval=5 -oServerAliveCountMax 2"));
        assertThat(t.keepAlive()).isEqualTo(new SshTarget.KeepAlive(Duration.ofSeconds(5), 2));
        assertThat(t.keepAlive().bound()).isEqualTo(Duration.ofSeconds(15));
        SshTarget plain = new TargetResolver(SshConfig.EMPTY, Path.of("/home/me"), "me").resolve("c", Map.of());
        assertThat(plain.keepAlive()).isEqualTo(SshTarget.KeepAlive.DEFAULT);
        assertThatThrownBy(() -> r.resolve("d", Map.of("ansible_ssh_extra_args", "-o ServerAliveInterval=often")))
                .hasMessageContaining("ServerAliveInterval 'often' is not a number");
    }
}

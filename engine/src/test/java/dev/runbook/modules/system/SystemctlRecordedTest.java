package dev.runbook.modules.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** systemctl's output as recorded from systemd 252, and the commands the module sends. */
class SystemctlRecordedTest {
    static final String RUNNING = """
            Type=simple
            Restart=no
            MainPID=412
            ExecStart={ path=/usr/sbin/nginx ; argv[]=/usr/sbin/nginx -g daemon on; master_process on; ; ignore_errors=no ; start_time=[n/a] ; stop_time=[n/a] ; pid=0 ; code=(null) ; status=0/0 }
            ExecReload={ path=/usr/sbin/nginx ; argv[]=/usr/sbin/nginx -s reload ; ignore_errors=no ; start_time=[n/a] ; stop_time=[n/a] ; pid=0 ; code=(null) ; status=0/0
             }
            Id=nginx.service
            LoadState=loaded
            ActiveState=active
            SubState=running
            UnitFileState=enabled
            @@show 0
            enabled
            @@is-enabled 0
            """;

    @Test
    void showIsParsedAsAnsibleParsesIt() {
        UnitProbe p = UnitProbe.parse(RUNNING);
        assertThat(p.status()).containsEntry("MainPID", "412").containsEntry("ActiveState", "active")
                .containsEntry("ExecReload", "{ path=/usr/sbin/nginx ; argv[]=/usr/sbin/nginx -s reload ; ignore_errors=no ; "
                        + "start_time=[n/a] ; stop_time=[n/a] ; pid=0 ; code=(null) ; status=0/0\n }");
        assertThat(p.status().get("ExecStart")).startsWith("{ path=/usr/sbin/nginx").endsWith("status=0/0 }");
        assertThat(p.found()).isTrue();
        assertThat(p.running()).isTrue();
        assertThat(p.enabled()).isTrue();
        assertThat(SystemdUnits.stateAction("started", p)).isNull();
        assertThat(SystemdUnits.stateAction("reloaded", p)).isEqualTo("reload");
    }

    @Test
    void missingMaskedAndStaticUnits() {
        UnitProbe missing = UnitProbe.parse("Id=nope.service\nLoadState=not-found\nActiveState=inactive\n@@show 0\n@@is-enabled 1\n");
        assertThat(missing.found()).isFalse();
        UnitProbe masked = UnitProbe.parse("LoadState=masked\nActiveState=inactive\n@@show 0\nmasked\n@@is-enabled 1\n");
        assertThat(masked.found()).isTrue();
        assertThat(masked.masked()).isTrue();
        assertThat(masked.loadError()).isNull();
        UnitProbe fixed = UnitProbe.parse("LoadState=loaded\nActiveState=inactive\n@@show 0\nstatic\n@@is-enabled 0\n");
        assertThat(fixed.enabled()).isTrue();
        assertThat(fixed.bootStartFixed()).isTrue();
        UnitProbe broken = UnitProbe.parse("LoadState=bad-setting\nLoadError=org.freedesktop.systemd1.BadUnitSetting \"bad\"\n"
                + "ActiveState=inactive\n@@show 0\n@@is-enabled 1\n");
        assertThat(broken.loadError()).startsWith("org.freedesktop.systemd1.BadUnitSetting");
        UnitProbe chroot = UnitProbe.parse("Running in chroot, ignoring request.\n@@show 0\ndisabled\n@@is-enabled 1\n@@initd\n");
        assertThat(chroot.status()).isEmpty();
        assertThat(chroot.found()).isTrue();
    }

    @Test
    void commandsCarryScopeAndSwitchesAndNameTheUnitAfterDashes() {
        assertThat(Systemctl.SYSTEM.command("reload", "php8.2-fpm").toShellLine()).isEqualTo("systemctl reload -- php8.2-fpm");
        assertThat(Systemctl.SYSTEM.command("daemon-reload", null).toShellLine()).isEqualTo("systemctl daemon-reload");
        assertThat(new Systemctl("system", true, true).command("enable", "x").toShellLine())
                .isEqualTo("systemctl --no-block --force enable -- x");
        assertThat(new Systemctl("user", false, false).command("start", "sync.timer").toShellLine()).contains(
                "XDG_RUNTIME_DIR=\"${XDG_RUNTIME_DIR:-/run/user/$(id -u)}\" systemctl --user start -- sync.timer");
        assertThat(new Systemctl("global", false, false).probe("x").toShellLine()).contains("systemctl --global show -- x");
    }

    @Test
    void decisionsFollowAnsiblesOrder() {
        UnitProbe stopped = UnitProbe.parse("LoadState=loaded\nActiveState=inactive\n@@show 0\ndisabled\n@@is-enabled 1\n");
        SystemdRequest req = new SystemdRequest("x", "started", true, null, false, false, Systemctl.SYSTEM);
        assertThat(SystemdUnits.decide(req, stopped).actions()).containsExactly("enable", "start");
        UnitProbe masked = UnitProbe.parse("LoadState=masked\nActiveState=inactive\n@@show 0\nmasked\n@@is-enabled 1\n");
        SystemdUnits.Decision d = SystemdUnits.decide(new SystemdRequest("x", "started", true, false, false, false, Systemctl.SYSTEM), masked);
        assertThat(d.actions()).containsExactly("unmask", "start");
        assertThat(d.enabledKnown()).isFalse();
        assertThat(SystemdUnits.decide(new SystemdRequest("x", "stopped", null, null, false, false, Systemctl.SYSTEM),
                UnitProbe.parse("LoadState=loaded\nActiveState=deactivating\n@@show 0\nenabled\n@@is-enabled 0\n")).actions())
                .isEqualTo(List.of("stop"));
    }
}

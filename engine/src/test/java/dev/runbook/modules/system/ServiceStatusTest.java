package dev.runbook.modules.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** From what the probes saw to what the service module runs. */
class ServiceStatusTest {
    static final ServiceStatus RUNNING_ENABLED = new ServiceStatus(true, true, true);
    static final ServiceStatus STOPPED_DISABLED = new ServiceStatus(true, false, false);

    @Test
    void startedAndStoppedActOnlyWhenNeeded() {
        assertThat(RUNNING_ENABLED.actions("started", null)).isEmpty();
        assertThat(STOPPED_DISABLED.actions("started", null)).containsExactly("start");
        assertThat(RUNNING_ENABLED.actions("stopped", null)).containsExactly("stop");
        assertThat(STOPPED_DISABLED.actions("stopped", null)).isEmpty();
    }

    @Test
    void restartAndReloadAlwaysActAndStartAStoppedService() {
        assertThat(RUNNING_ENABLED.actions("restarted", null)).containsExactly("restart");
        assertThat(STOPPED_DISABLED.actions("restarted", null)).containsExactly("start");
        assertThat(RUNNING_ENABLED.actions("reloaded", null)).containsExactly("reload");
        assertThat(STOPPED_DISABLED.actions("reloaded", null)).containsExactly("start");
    }

    @Test
    void enabledIsChangedOnlyWhenDifferentAndSettable() {
        assertThat(STOPPED_DISABLED.actions("started", true)).containsExactly("start", "enable");
        assertThat(RUNNING_ENABLED.actions(null, false)).containsExactly("disable");
        assertThat(RUNNING_ENABLED.actions(null, true)).isEmpty();
        assertThat(new ServiceStatus(true, true, null).actions(null, false)).isEmpty();
    }

    @Test
    void systemctlShowIsParsed() {
        assertThat(ServiceStatus.systemd("LoadState=loaded\nActiveState=active\nUnitFileState=enabled\n"))
                .isEqualTo(RUNNING_ENABLED);
        assertThat(ServiceStatus.systemd("LoadState=loaded\nActiveState=failed\nUnitFileState=disabled\n"))
                .isEqualTo(STOPPED_DISABLED);
        assertThat(ServiceStatus.systemd("ActiveState=activating\nLoadState=loaded\nUnitFileState=static\n"))
                .isEqualTo(new ServiceStatus(true, true, null));
        assertThat(ServiceStatus.systemd("LoadState=not-found\nActiveState=inactive\nUnitFileState=\n").installed()).isFalse();
        assertThat(ServiceStatus.systemd("").installed()).isFalse();
    }

    @Test
    void systemdCommandsNameTheUnitAfterDashes() {
        ServiceManager m = new ServiceManager.Systemd();
        assertThat(m.command("reload", "php8.2-fpm").toShellLine()).isEqualTo("systemctl reload -- php8.2-fpm");
        assertThat(m.command("daemon-reload", "x").toShellLine()).isEqualTo("systemctl daemon-reload");
        assertThat(List.of("enable", "disable")).allMatch(a -> m.command(a, "nginx").toShellLine().equals("systemctl " + a + " -- nginx"));
    }
}

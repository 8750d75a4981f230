package dev.runbook.modules.system;

import static org.assertj.core.api.Assertions.assertThat;

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
}

package dev.runbook.modules.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sysctl file edits, as ansible.posix.sysctl makes them. */
class SysctlFileTest {
    static final String CONF = "# kernel tuning\n\n; old style comment\nvm.swappiness = 60\nnet.ipv4.ip_forward=0\nvm.swappiness=30\n"
            + "kernel.printk\n";

    @Test
    void theFirstLineOfAKeyGetsTheValueLaterOnesGoOthersAreNormalised() {
        assertThat(SysctlFile.edit(CONF, "vm.swappiness", "10")).isEqualTo(
                "# kernel tuning\n\n; old style comment\nvm.swappiness=10\nnet.ipv4.ip_forward=0\nkernel.printk\n");
    }

    @Test
    void aNewKeyIsAppendedAndAbsentRemovesEveryLineOfIt() {
        assertThat(SysctlFile.edit("", "vm.swappiness", "10")).isEqualTo("vm.swappiness=10\n");
        assertThat(SysctlFile.edit("a=1", "b", "2")).isEqualTo("a=1\nb=2\n");
        assertThat(SysctlFile.edit(CONF, "vm.swappiness", null)).isEqualTo(
                "# kernel tuning\n\n; old style comment\nnet.ipv4.ip_forward=0\nkernel.printk\n");
    }

    @Test
    void theValueInTheFileIsTheLastOne() {
        assertThat(SysctlFile.values(CONF)).containsEntry("vm.swappiness", "30").containsEntry("net.ipv4.ip_forward", "0")
                .doesNotContainKey("kernel.printk");
    }

    @Test
    void valuesAreComparedWordByWordAndBooleansAreDigits() {
        assertThat(SysctlFile.sameValue("32768\t60999", "32768 60999")).isTrue();
        assertThat(SysctlFile.sameValue("1", "0")).isFalse();
        assertThat(SysctlFile.value(true)).isEqualTo("1");
        assertThat(SysctlFile.value("no")).isEqualTo("0");
        assertThat(SysctlFile.value(" 10 ")).isEqualTo("10");
        assertThat(SysctlFile.value(10)).isEqualTo("10");
    }
}

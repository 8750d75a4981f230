package dev.runbook.modules.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** fstab edits, as ansible.posix.mount makes them. */
class FstabTest {
    static final String FSTAB = "# /etc/fstab\nUUID=abc /  ext4  errors=remount-ro 0 1\n/dev/sdb1\t/srv/data\txfs\tdefaults\n"
            + "/swapfile none swap sw 0 0\n";
    static final Fstab.Entry DATA = new Fstab.Entry("/dev/sdb1", "/srv/data", "xfs", "defaults", "0", "0");

    @Test
    void anEntryThatIsThereIsLeftAsWrittenMissingDumpAndPassAreZero() {
        assertThat(Fstab.set(FSTAB, DATA)).isEqualTo(FSTAB);
    }

    @Test
    void aChangedEntryIsRewrittenInPlaceWithSingleSpaces() {
        assertThat(Fstab.set(FSTAB, new Fstab.Entry("/dev/sdb1", "/srv/data", "xfs", "noatime", "0", "2"))).isEqualTo(
                "# /etc/fstab\nUUID=abc /  ext4  errors=remount-ro 0 1\n/dev/sdb1 /srv/data xfs noatime 0 2\n/swapfile none swap sw 0 0\n");
    }

    @Test
    void aNewEntryIsAppendedEvenAfterALastLineWithoutNewline() {
        assertThat(Fstab.set("# empty", new Fstab.Entry("tmpfs", "/mnt/my cache", "tmpfs", "size=1m", "0", "0")))
                .isEqualTo("# empty\ntmpfs /mnt/my\\040cache tmpfs size=1m 0 0\n");
        assertThat(Fstab.set("", DATA)).isEqualTo("/dev/sdb1 /srv/data xfs defaults 0 0\n");
    }

    @Test
    void swapEntriesAreToldApartByTheirSource() {
        String added = Fstab.set(FSTAB, new Fstab.Entry("/swap2", "none", "swap", "sw", "0", "0"));
        assertThat(added).endsWith("/swapfile none swap sw 0 0\n/swap2 none swap sw 0 0\n");
    }

    @Test
    void unsetRemovesEveryLineOfTheMountPointAndNothingElse() {
        assertThat(Fstab.unset(FSTAB + "/dev/sdc1 /srv/data ext4 defaults 0 0\n", "/srv/data")).isEqualTo(
                "# /etc/fstab\nUUID=abc /  ext4  errors=remount-ro 0 1\n/swapfile none swap sw 0 0\n");
        assertThat(Fstab.unset(FSTAB, "/nowhere")).isEqualTo(FSTAB);
    }

    @Test
    void optionsMatchWhenEveryOneAskedForIsMounted() {
        assertThat(MountPlan.hasOptions("rw,relatime,size=1024k", "defaults")).isTrue();
        assertThat(MountPlan.hasOptions("rw,relatime,size=1024k", "size=1024k,rw")).isTrue();
        assertThat(MountPlan.hasOptions("rw,relatime", "ro")).isFalse();
        assertThat(MountPlan.hasOptions("rw,size=1024k", "size=1m")).isTrue();
        assertThat(MountPlan.hasOptions("rw,size=1024k", "size=2m")).isFalse();
    }
}

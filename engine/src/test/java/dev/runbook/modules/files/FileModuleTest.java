package dev.runbook.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The file module's decisions from fixture probe output: no host involved. */
class FileModuleTest {
    static final String DIR_0755 = "41ed 0 0 10 2049 4096 1700000000 root root";
    static final String FILE_0600 = "8180 0 0 11 2049 12 1700000000 root root";
    static final String FILE_0644 = "81a4 0 0 12 2049 12 1700000000 root root";
    static final String LINK = "a1ff 0 0 13 2049 8 1700000000 root root";

    final FileModule module = new FileModule();

    Plan decide(Map<String, Object> raw, String probeOut) throws ModuleException {
        FileDecision.Request r = FileDecision.Request.from(FilesTesting.args(module, raw));
        List<String> paths = r.src() == null ? List.of(r.path()) : List.of(r.path(), r.resolvedSrc());
        return FileDecision.decide(r, FileProbe.parse(paths, probeOut), List.of());
    }

    @Test
    void missingDirectoryIsCreatedWithItsParentsAndMode() throws Exception {
        Plan p = decide(Map.of("path", "/srv/app/data", "state", "directory", "mode", "0750"), "U 0022\n0 A\n");
        assertThat(p.change().kind()).isEqualTo(ChangeKind.CREATE);
        assertThat(p.change().summary()).isEqualTo("would create directory /srv/app/data (mode 0750)");
        String script = ((Action.Shell) p.actions().get(0)).script();
        assertThat(script).startsWith("for d in /srv /srv/app /srv/app/data;").contains("chmod 0750 -- \"$d\"");
    }

    @Test
    void yamlDecimal644IsReadAsOctal() throws Exception {
        Plan p = decide(Map.of("path", "/etc/app.conf", "mode", 644), "U 0022\n0 F " + FILE_0600 + "\n");
        assertThat(p.change().kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(p.change().summary()).isEqualTo("would change mode 0600 -> 0644 on /etc/app.conf");
        assertThat(((Action.Shell) p.actions().get(0)).script()).isEqualTo("chmod 0644 -- /etc/app.conf");
    }

    @Test
    void symbolicModeIsWorkedOutLikeChmod() throws Exception {
        Plan p = decide(Map.of("path", "/usr/local/bin/tool", "mode", "u+x,g=rx,o-r"), "U 0022\n0 F " + FILE_0644 + "\n");
        assertThat(p.change().summary()).contains("mode 0644 -> 0750");
        Plan same = decide(Map.of("path", "/x", "mode", "u=rw,go=r"), "U 0022\n0 F " + FILE_0644 + "\n");
        assertThat(same.change().kind()).isEqualTo(ChangeKind.NONE);
        assertThat(same.actions()).isEmpty();
    }

    @Test
    void ownerChangeComparesIdsAndUnknownOwnerIsAClearError() throws Exception {
        Plan p = decide(Map.of("path", "/x", "owner", "www-data"), "U 0022\nO 33\n0 F " + FILE_0644 + "\n");
        assertThat(p.change().summary()).isEqualTo("would change owner root -> www-data on /x");
        assertThatThrownBy(() -> decide(Map.of("path", "/x", "owner", "nobodyhere"), "U 0022\nO \n0 F " + FILE_0644 + "\n"))
                .isInstanceOf(ModuleException.class).hasMessage("owner 'nobodyhere' does not exist on the host (no such user)");
    }

    @Test
    void stateFileOnADirectoryOrMissingPathIsAUserError() {
        assertThatThrownBy(() -> decide(Map.of("path", "/srv", "state", "file"), "U 0022\n0 F " + DIR_0755 + "\n"))
                .hasMessageContaining("/srv is a directory, not a file");
        assertThatThrownBy(() -> decide(Map.of("path", "/nope", "state", "file"), "U 0022\n0 A\n"))
                .hasMessageContaining("file /nope is absent, cannot continue");
        assertThatThrownBy(() -> decide(Map.of("path", "/etc/x", "state", "directory"), "U 0022\n0 F " + FILE_0644 + "\n"))
                .hasMessageContaining("/etc/x already exists as file, not a directory");
    }

    @Test
    void linksAreComparedByTarget() throws Exception {
        String linkThere = "U 0022\n0 L " + LINK + "\n0 T /opt/app-1.2\n0 F " + DIR_0755 + "\n1 F " + DIR_0755 + "\n";
        Plan same = decide(Map.of("path", "/opt/app", "state", "link", "src", "/opt/app-1.2"), linkThere);
        assertThat(same.change().kind()).isEqualTo(ChangeKind.NONE);
        Plan other = decide(Map.of("path", "/opt/app", "state", "link", "src", "/opt/app-1.3"), linkThere);
        assertThat(other.change().kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(other.change().summary()).isEqualTo("would point /opt/app at /opt/app-1.3 (was /opt/app-1.2)");
        assertThat(((Action.Shell) other.actions().get(0)).script()).isEqualTo("ln -sfn -- /opt/app-1.3 /opt/app");
    }

    @Test
    void aFileIsNotReplacedByALinkUnlessForced() throws Exception {
        String fileThere = "U 0022\n0 F " + FILE_0644 + "\n1 F " + FILE_0644 + "\n";
        assertThatThrownBy(() -> decide(Map.of("path", "/etc/x", "state", "link", "src", "/etc/y"), fileThere))
                .hasMessageContaining("refusing to replace a file at /etc/x with a link; set force: true");
        Plan forced = decide(Map.of("path", "/etc/x", "state", "link", "src", "/etc/y", "force", true), fileThere);
        assertThat(((Action.Shell) forced.actions().get(0)).script()).isEqualTo("rm -f -- /etc/x && ln -s -- /etc/y /etc/x");
        assertThatThrownBy(() -> decide(Map.of("path", "/etc/x", "state", "link", "src", "/etc/y"), "U 0022\n0 A\n1 A\n"))
                .hasMessageContaining("src /etc/y does not exist on the host");
    }

    @Test
    void relativeLinkSourceIsCheckedBesideTheLink() throws Exception {
        FileDecision.Request r = FileDecision.Request.from(FilesTesting.args(module,
                Map.of("path", "/etc/nginx/sites-enabled/app", "state", "link", "src", "../sites-available/app")));
        assertThat(r.resolvedSrc()).isEqualTo("/etc/nginx/sites-enabled/../sites-available/app");
    }

    @Test
    void absentRemovesOnlyWhatExists() throws Exception {
        assertThat(decide(Map.of("path", "/tmp/x", "state", "absent"), "U 0022\n0 A\n").change().kind()).isEqualTo(ChangeKind.NONE);
        Plan p = decide(Map.of("path", "/tmp/x", "state", "absent"), "U 0022\n0 F " + DIR_0755 + "\n");
        assertThat(p.change().kind()).isEqualTo(ChangeKind.REMOVE);
        assertThat(p.change().summary()).isEqualTo("would remove a directory /tmp/x");
    }

    @Test
    void touchKeepsTimesOfAnExistingFileUnlessAskedForNow() throws Exception {
        String there = "U 0022\n0 F " + FILE_0644 + "\n";
        assertThat(decide(Map.of("path", "/x", "state", "touch"), there).change().kind()).isEqualTo(ChangeKind.NONE);
        Plan now = decide(Map.of("path", "/x", "state", "touch", "modification_time", "now"), there);
        assertThat(now.change().summary()).isEqualTo("would update timestamps of /x");
        assertThat(((Action.Shell) now.actions().get(0)).script()).isEqualTo("touch -m -- /x");
        Plan both = decide(Map.of("path", "/x", "state", "touch", "modification_time", "now", "access_time", "now"), there);
        assertThat(((Action.Shell) both.actions().get(0)).script()).isEqualTo("touch -- /x");
    }

    @Test
    void recurseCountsEntriesBelowThatDiffer() throws Exception {
        FileDecision.Request r = FileDecision.Request.from(FilesTesting.args(module,
                Map.of("path", "/srv/www", "state", "directory", "recurse", true, "owner", "www-data")));
        List<FileDecision.Entry> tree = FileDecision.parseTree("f 644 33 33\nd 755 0 0\nl 777 0 0\nf 600 33 0\n");
        Plan p = FileDecision.decide(r, FileProbe.parse(List.of("/srv/www"), "U 0022\nO 33\n0 F " + DIR_0755 + "\n"), tree);
        assertThat(p.change().summary()).isEqualTo("would change owner root -> www-data, 2 of 4 entries below it on /srv/www");
        assertThat(((Action.Shell) p.actions().get(1)).script()).isEqualTo("chown -R www-data -- /srv/www");
    }

    @Test
    void modesFollowChmodRulesForXAndUmask() {
        assertThat(Modes.resolve("a+X", 0644, false, 022)).isEqualTo(0644);
        assertThat(Modes.resolve("a+X", 0744, false, 022)).isEqualTo(0755);
        assertThat(Modes.resolve("a+X", 0700, true, 022)).isEqualTo(0711);
        assertThat(Modes.resolve("+w", 0444, false, 022)).isEqualTo(0644);
        assertThat(Modes.resolve("u+s,o+t", 0755, true, 022)).isEqualTo(05755);
        assertThat(Modes.resolve("go=", 0755, false, 022)).isEqualTo(0700);
        assertThat(Modes.resolve(0640, 0755, false, 022)).isEqualTo(0640);
    }
}

package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What plans and applies show of handlers and blocks: would notify, which handlers would run and why, rescue. */
class FlowOutputTest {
    @TempDir
    Path dir;

    private Path runbook() throws Exception {
        Path rb = dir.resolve("web.yml");
        Files.writeString(rb, """
                runbook: web
                steps:
                  web:
                    tasks:
                      - name: write config
                        copy: {content: "listen 80\\n", dest: "DIR/site.conf"}
                        notify: reload web
                      - name: guarded
                        block:
                          - name: migrate
                            command: echo migrate
                            notify: restart web
                          - name: check
                            command: "false"
                            when: broken | default(false)
                        rescue:
                          - name: roll back
                            command: echo rollback
                        always:
                          - name: log
                            copy: {content: "done\\n", dest: "DIR/log"}
                    handlers:
                      - name: restart web
                        command: echo restart
                      - name: reload web
                        command: echo reload
                """.replace("DIR", dir.toString()));
        return rb;
    }

    @Test
    void aPlanShowsWhoWouldNotifyWhichHandlersWouldRunAndWhenARescueWould() throws Exception {
        Cli.Result r = Cli.run("plan", runbook().toString(), "--state-dir", dir.resolve("state").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("""
                    + write config  — would create %s/site.conf (10 bytes, mode 0644); would notify 'reload web'
                    ? migrate  — would run: echo migrate; may notify 'restart web'
                """.formatted(dir)).contains("""
                    · roll back  — rescue: would run only if a task of block 'guarded' fails
                    + log  — would create %s/log (5 bytes, mode 0644)
                    ? restart web (handler, runs if 'migrate' changes)  — would run: echo restart
                    ? reload web (handler, notified by 'write config')  — would run: echo reload
                """.formatted(dir));
    }

    @Test
    void anApplyShowsTheRescueAndTheHandlersWithWhoNotifiedThemAndCountsTheRescue() throws Exception {
        Cli.Result r = Cli.run("apply", runbook().toString(), "--state-dir", dir.resolve("state").toString(),
                "-e", "broken=true");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("rescue    localhost  web › check  — failed; the block's rescue runs")
                .containsPattern("handler   localhost  web › restart web  — notified by 'migrate'")
                .containsPattern("handler   localhost  web › reload web  — notified by 'write config'")
                .contains("localhost  ok=0  changed=6  failed=0  skipped=0  unreachable=0  ignored=0  rescued=1");
        assertThat(r.out().indexOf("web › restart web")).isLessThan(r.out().indexOf("web › reload web"));
    }

    private Path failingAfterNotify() throws Exception {
        Path rb = dir.resolve("force.yml");
        Files.writeString(rb, """
                runbook: force
                steps:
                  s:
                    tasks:
                      - name: change
                        command: echo change
                        notify: restart
                      - name: breaks
                        command: "false"
                    handlers:
                      - name: restart
                        shell: echo restart >> DIR/restarted
                """.replace("DIR", dir.toString()));
        return rb;
    }

    @Test
    void withoutForceHandlersANotifiedHandlerOfAFailedHostDoesNotRunAndAWarningNamesIt() throws Exception {
        Cli.Result r = Cli.run(Cli.env(dir, java.util.Map.of(), ""), "apply", failingAfterNotify().toString(),
                "--state-dir", dir.resolve("state").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("warning: localhost: step 's': notified handler 'restart' did not run: the step "
                + "failed (force_handlers runs notified handlers anyway)");
        assertThat(dir.resolve("restarted")).doesNotExist();
    }

    @Test
    void forceHandlersFromTheFlagOrFromAnsibleCfgRunsThemAndTheStepStillFails() throws Exception {
        Cli.Result flag = Cli.run(Cli.env(dir, java.util.Map.of(), ""), "apply", failingAfterNotify().toString(),
                "--state-dir", dir.resolve("state").toString(), "--force-handlers");
        assertThat(flag.exit()).as(flag.out()).isEqualTo(2);
        assertThat(flag.out()).contains("handler   localhost  s › restart  — notified by 'change'");
        Files.writeString(dir.resolve("ansible.cfg"), "[defaults]\nforce_handlers = True\n");
        Cli.Result cfg = Cli.run(Cli.env(dir, java.util.Map.of(), ""), "apply", failingAfterNotify().toString(),
                "--state-dir", dir.resolve("state").toString());
        assertThat(cfg.exit()).as(cfg.out()).isEqualTo(2);
        assertThat(Files.readAllLines(dir.resolve("restarted"))).containsExactly("restart", "restart");
    }
}

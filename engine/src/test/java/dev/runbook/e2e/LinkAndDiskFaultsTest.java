package dev.runbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import dev.runbook.testing.LossyLink;
import dev.runbook.testing.OpenSshHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A slow, lossy link (a proxy adding latency, stalls and a cut during the first handshake) and
 * a target whose disk fills during a copy, on real OpenSSH daemons.
 */
@Timeout(300)
class LinkAndDiskFaultsTest {
    static FaultRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = new FaultRig(2);
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @Test
    void aSlowLossyLinkThatCutsTheFirstHandshakeStillCompletesTheRun() throws Exception {
        Path work = rig.work("lossy");
        byte[] app = new byte[256 * 1024];
        new Random(7).nextBytes(app);
        Path src = Files.write(work.resolve("app.bin"), app);
        Path rb = Files.writeString(work.resolve("site.yml"), """
                runbook: lossy
                vars: {d: "%s"}
                steps:
                  deploy:
                    tasks:
                      - file: {path: "{{ d }}/{{ inventory_hostname }}", state: directory, mode: "0755"}
                      - copy: {content: "hello {{ inventory_hostname }}\\n", dest: "{{ d }}/{{ inventory_hostname }}/index.html"}
                      - copy: {src: "%s", dest: "{{ d }}/{{ inventory_hostname }}/app.bin"}
                      - template: {src: "%s", dest: "{{ d }}/{{ inventory_hostname }}/app.conf"}
                      - lineinfile: {path: "{{ d }}/{{ inventory_hostname }}/app.conf", line: "debug = false"}
                      - command: sha256sum {{ d }}/{{ inventory_hostname }}/app.bin
                        register: sum
                        changed_when: false
                      - copy: {content: "{{ sum.stdout.split()[0] }}\\n", dest: "{{ d }}/{{ inventory_hostname }}/app.sum"}
                """.formatted(work, src, Files.writeString(work.resolve("app.conf.j2"),
                "{% for p in [8080, 8081, 8082] %}listen = {{ p }}\n{% endfor %}name = {{ inventory_hostname }}\n")));
        LossyLink.Profile bad = new LossyLink.Profile(Duration.ofMillis(15), Duration.ofMillis(10), 0.02,
                Duration.ofMillis(250), 1);
        try (LossyLink l0 = new LossyLink(rig.hosts.port(0), bad, 1);
             LossyLink l1 = new LossyLink(rig.hosts.port(1), bad, 2)) {
            Map<Integer, Integer> ports = Map.of(0, l0.port(), 1, l1.port());
            Cli.Result r = rig.apply(work, rb, rig.inventory(work, ports, ""), rig.knownHosts(work, ports));
            System.out.println(r.out());
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            String sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(app));
            for (String h : new String[] {"web0", "web1"}) {
                Path d = work.resolve(h);
                assertThat(Files.readAllBytes(d.resolve("app.bin"))).isEqualTo(app);
                assertThat(Files.readString(d.resolve("index.html"))).isEqualTo("hello " + h + "\n");
                assertThat(Files.readString(d.resolve("app.conf"))).isEqualTo(
                        "listen = 8080\nlisten = 8081\nlisten = 8082\nname = " + h + "\ndebug = false\n");
                assertThat(Files.readString(d.resolve("app.sum"))).isEqualTo(sum + "\n");
            }
            for (LossyLink l : new LossyLink[] {l0, l1}) {
                assertThat(l.cuts()).isEqualTo(1); // the first connection was cut during its handshake
                assertThat(l.connections()).isEqualTo(2); // and tried again once, then kept for the whole run
                assertThat(l.stalls()).isPositive();
            }
        }
    }

    @Test
    void aDiskThatFillsDuringACopyKeepsTheOldFileAndSaysWhy() throws Exception {
        Path work = rig.work("full");
        Path disk = Files.createDirectories(work.resolve("disk"));
        mount(disk);
        try {
            Path conf = disk.resolve("app.conf");
            Files.writeString(conf, "old\n");
            run("chown", OpenSshHosts.USER, disk.toString(), conf.toString());
            byte[] big = new byte[1024 * 1024];
            new Random(3).nextBytes(big);
            Path src = Files.write(work.resolve("big.bin"), big);
            Path rb = Files.writeString(work.resolve("site.yml"), """
                    runbook: full
                    steps:
                      deploy:
                        tasks:
                          - copy: {src: "%s", dest: "%s"}
                    """.formatted(src, conf));
            Cli.Result r = rig.apply(work, rb, rig.inventory(work, Map.of(), ""), rig.hosts.knownHosts(),
                    "--limit", "web0");
            System.out.println(r.out());
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
            assertThat(r.out()).contains("failed", conf.toString()).containsIgnoringCase("no space left on device");
            assertThat(Files.readString(conf)).isEqualTo("old\n");
            try (var left = Files.list(disk)) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly("app.conf");
            }
        } finally {
            run("umount", disk.toString());
        }
    }

    /** A 64 KiB tmpfs at {@code dir}: a file system that fills up at once. */
    private static void mount(Path dir) throws Exception {
        run("mount", "-t", "tmpfs", "-o", "size=64k,mode=0777", "runbook-full", dir.toString());
    }

    private static void run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
        }
    }
}

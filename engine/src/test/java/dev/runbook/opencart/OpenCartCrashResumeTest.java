package dev.runbook.opencart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import dev.runbook.state.Child;
import dev.runbook.testing.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine SIGKILLed in the middle of OpenCart's upgrade chain of a real shop, then
 * {@code runbook apply --resume}: the upgrade is finished, nothing before it is done twice, the
 * shop ends at the target, healthy, out of maintenance, with every customer and order.
 */
@Timeout(1200)
class OpenCartCrashResumeTest {
    static OpenCartRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = OpenCartRig.start();
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void anUpgradeKilledInTheMiddleOfTheChainIsFinishedByResume() throws Exception {
        OpenCartShop shop = rig.shop("shopk", "4.0.2.1", OpenCartShop.Layout.PLAIN);
        ShopData before = ShopData.read(shop);
        Path inv = rig.inventory("k", "4.0.2.3", List.of(shop));
        Path log = shop.root.getParent().resolve("php.log");
        long from = Files.size(log);
        Path killedOut = rig.work.resolve("killed.out");
        Process p = Child.start(killedOut, rig.args("apply", inv).toArray(String[]::new));
        try {
            Ports.await("OpenCart's upgrade chain past its third step", Duration.ofSeconds(600), () -> {
                assertThat(p.isAlive()).as("the run ended before the kill point").isTrue();
                return served(log, from).contains("route=upgrade/upgrade_3");
            });
            p.destroyForcibly(); // SIGKILL
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
            Child.stopLeftBehind(killedOut);
        }
        String journal = journal();
        assertThat(journal).as("killed during 1-click-upgrade's chain").containsPattern(
                "\"type\":\"task_started\".*\"step\":\"1-click-upgrade\".*Run OpenCart's upgrade chain")
                .doesNotContainPattern("\"type\":\"step_finished\".*\"step\":\"1-click-upgrade\"")
                .doesNotContain("\"run_finished\"");
        assertThat(OpenCartRig.maintenance(shop)).as("the killed run left the shop in maintenance").isEqualTo("1");
        // As an operator would: let the request the killed engine had in flight end before resuming.
        Ports.await("the shop to finish the request in flight", Duration.ofSeconds(120), () -> idle(log, from));

        List<String> args = List.of("apply", OpenCartRig.RUNBOOK.toString(), "--known-hosts", rig.hosts.knownHosts().toString(),
                "--state-dir", rig.work.resolve("state").toString(), "--resume");
        Cli.Result resumed = Cli.run(args.toArray(String[]::new));
        System.out.println("== killed run\n" + Files.readString(killedOut) + "\n== runbook " + String.join(" ", args)
                + " → " + resumed.exit() + "\n" + resumed.out() + resumed.err());
        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).as("the backup is not made again").containsPattern("done +shopk +backup › Dump the database")
                .containsPattern("done +shopk +maintenance-on › Maintenance on")
                .containsPattern("(changed|ok) +shopk +1-click-upgrade › Run OpenCart's upgrade chain")
                .containsPattern("ok +shopk +verify › The storefront is healthy")
                .containsPattern("changed +shopk +maintenance-off › Maintenance off");
        OpenCartRig.assertHealthyAt(shop, "4.0.2.3");
        assertThat(before.lostIn(ShopData.read(shop))).isEmpty();
        for (String t : List.of("customer", "order", "order_product", "order_total", "order_history")) {
            assertThat(ShopData.read(shop).rows(t)).as(t).isEqualTo(before.rows(t));
        }
        rig.assertNoSecrets(resumed, shop);
        assertThat(Files.readString(killedOut)).doesNotContain(shop.dbPassword);

        Cli.Result again = rig.run("apply", inv);
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.out()).contains("changed=0  failed=0");
    }

    /** What the shop's php -S logged since {@code from}. */
    private static String served(Path log, long from) {
        byte[] all;
        try {
            all = Files.readAllBytes(log);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Every connection the shop accepted since {@code from} was closed: no request is being served. */
    private static boolean idle(Path log, long from) {
        List<String> lines = served(log, from).lines().toList();
        return lines.stream().filter(l -> l.endsWith(" Accepted")).count() == lines.stream().filter(l -> l.endsWith(" Closing")).count();
    }

    private static String journal() throws IOException {
        try (Stream<Path> runs = Files.list(rig.work.resolve("state/runs"))) {
            Path run = runs.findFirst().orElseThrow();
            return Files.readString(run.resolve("journal.jsonl"));
        }
    }
}

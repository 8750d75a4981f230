package dev.runbook.facts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.testing.DebianPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** ansible_date_time as Ansible's own setup module gives it, for the same instant and time zone. */
class DateTimeFactsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "Asia/Kolkata"})
    void everyKeyAsAnsibleSetupGivesIt(String zone) throws Exception {
        DebianPackages.ensure("/usr/bin/ansible", "ansible-core");
        Path out = dir.resolve("facts.json");
        ProcessBuilder pb = new ProcessBuilder("ansible", "localhost", "-i", "localhost,", "-c", "local", "-m", "setup",
                "-a", "filter=ansible_date_time", "--tree", dir.toString()).redirectErrorStream(true);
        pb.environment().put("TZ", zone);
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(log).isZero();
        Files.move(dir.resolve("localhost"), out);
        @SuppressWarnings("unchecked")
        Map<String, Object> theirs = (Map<String, Object>) ((Map<?, ?>) new ObjectMapper().readValue(out.toFile(), Map.class)
                .get("ansible_facts")).get("ansible_date_time");
        Instant at = Instant.parse((String) theirs.get("iso8601_micro"));
        Map<String, Object> ours = DateTimeFacts.of(ZonedDateTime.ofInstant(at, ZoneId.of(zone)));
        assertThat(ours).isEqualTo(theirs);
    }
}

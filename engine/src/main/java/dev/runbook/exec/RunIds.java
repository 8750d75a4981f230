package dev.runbook.exec;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Run ids that sort by time and are unique enough for one state directory: 20261124-231502-3f9a. */
final class RunIds {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    static String next(Instant at) {
        return FORMAT.format(at) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }
}

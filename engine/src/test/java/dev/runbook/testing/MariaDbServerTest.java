package dev.runbook.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MariaDbServerTest {
    @Test
    void startsAnswersSqlAndStopsByPid() {
        int port;
        try (MariaDbServer db = MariaDbServer.start()) {
            port = db.port();
            db.sql("CREATE DATABASE shop; CREATE TABLE shop.t (v INT); INSERT INTO shop.t VALUES (42);");
            assertThat(db.sql("SELECT v FROM shop.t")).isEqualTo("42\n");
        }
        assertThat(Ports.isOpen(port)).isFalse();
    }
}

package dev.runbook.opencart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.testing.MariaDbServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OpenCartShopTest {
    @Test
    void installs() throws Exception {
        try (MariaDbServer db = MariaDbServer.start(); OpenCartReleases rel = OpenCartReleases.serve()) {
            Path base = Files.createTempDirectory("oc-");
            try (OpenCartShop shop = OpenCartShop.install("shopa", "4.0.2.1", rel.zip("4.0.2.1"), base,
                    new OpenCartShop.Layout("backoffice", true), db)) {
                var r = shop.get("", null);
                System.out.println(r.status() + " " + r.body().substring(0, 300));
                System.out.println(Files.readString(shop.root.resolve("config.php")));
                System.out.println(Files.readString(shop.root.resolve("backoffice/config.php")));
                System.out.println(shop.versions());
                assertThat(r.status()).isEqualTo(200);
            }
        }
    }
}

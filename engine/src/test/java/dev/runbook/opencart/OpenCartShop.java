package dev.runbook.opencart;

import dev.runbook.testing.DebianPackages;
import dev.runbook.testing.MariaDbServer;
import dev.runbook.testing.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real OpenCart shop for tests: a release's {@code upload/} unpacked into a web root, installed
 * by the shop's own {@code install/cli_install.php} into a database of the shared MariaDB, with
 * {@code install/} deleted as a real shop does, optionally an admin directory renamed and the
 * storage moved out of the web root, served by {@code php -S} on its own 127.0.0.1 port (stopped
 * by pid).
 */
final class OpenCartShop implements AutoCloseable {
    static final String PHP = "/usr/bin/php8.2";
    private static final Pattern VERSION = Pattern.compile("define\\('VERSION', '([0-9.]+)'\\);");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String name;
    final Path root;
    final Path storage;
    final String admin;
    final String db;
    final String dbUser;
    final String dbPassword;
    final int port;
    private final MariaDbServer mariadb;
    private Process php;

    /** How to lay out a new shop. */
    record Layout(String admin, boolean storageOutside) {
        static final Layout PLAIN = new Layout("admin", false);
    }

    private OpenCartShop(String name, Path root, Path storage, String admin, MariaDbServer mariadb, int port) {
        this.name = name;
        this.root = root;
        this.storage = storage;
        this.admin = admin;
        this.db = name;
        this.dbUser = name;
        this.dbPassword = "pw-" + name + "-$x#1!";
        this.mariadb = mariadb;
        this.port = port;
    }

    static void ensurePhp() {
        DebianPackages.ensure(PHP, "php8.2-cli", "php8.2-mysql", "php8.2-gd", "php8.2-curl", "php8.2-zip",
                "php8.2-mbstring", "php8.2-xml", "php8.2-intl", "php8.2-opcache");
    }

    /** Installs release {@code version} from {@code zip} under {@code base/name} and starts serving it. */
    static OpenCartShop install(String name, String version, Path zip, Path base, Layout layout, MariaDbServer mariadb)
            throws IOException {
        ensurePhp();
        Path root = Files.createDirectories(base.resolve(name).resolve("www"));
        Path storage = layout.storageOutside() ? base.resolve(name).resolve("storage") : root.resolve("system/storage");
        OpenCartShop shop = new OpenCartShop(name, root, storage, layout.admin(), mariadb, Ports.free());
        unzip(zip, "opencart-" + version + "/upload/", root);
        Files.copy(root.resolve("config-dist.php"), root.resolve("config.php"));
        Files.copy(root.resolve("admin/config-dist.php"), root.resolve("admin/config.php"));
        String quoted = shop.dbPassword.replace("\\", "\\\\").replace("'", "\\'");
        mariadb.sql("CREATE DATABASE " + name + ";"
                + "CREATE USER '" + name + "'@'%' IDENTIFIED BY '" + quoted + "';"
                + "GRANT ALL ON " + name + ".* TO '" + name + "'@'%';");
        run(root, PHP, "install/cli_install.php", "install", "--username", "admin", "--password", "admin-" + name,
                "--email", "owner@" + name + ".example", "--http_server", shop.url(), "--db_driver", "mysqli",
                "--db_hostname", "127.0.0.1", "--db_username", shop.dbUser, "--db_password", shop.dbPassword,
                "--db_database", name, "--db_port", String.valueOf(mariadb.port()), "--db_prefix", "oc_");
        deleteTree(root.resolve("install"));
        if (!layout.admin().equals("admin")) {
            Files.move(root.resolve("admin"), root.resolve(layout.admin()));
            shop.editConfig(layout.admin() + "/config.php", "/admin/", "/" + layout.admin() + "/");
            shop.editConfig(layout.admin() + "/config.php", "'admin/'", "'" + layout.admin() + "/'");
        }
        if (layout.storageOutside()) {
            Files.move(root.resolve("system/storage"), storage);
            String newLine = "define('DIR_STORAGE', '" + storage + "/');";
            shop.replaceDefine("config.php", "DIR_STORAGE", newLine);
            shop.replaceDefine(layout.admin() + "/config.php", "DIR_STORAGE", newLine);
        }
        shop.seed();
        shop.start();
        return shop;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** The VERSION defined in {@code index.php} and in the admin's {@code index.php}. */
    List<String> versions() throws IOException {
        List<String> out = new ArrayList<>();
        for (String f : List.of("index.php", admin + "/index.php")) {
            Matcher m = VERSION.matcher(Files.readString(root.resolve(f)));
            out.add(m.find() ? m.group(1) : "none");
        }
        return out;
    }

    String sql(String statements) {
        return mariadb.sql("USE " + db + ";\n" + statements);
    }

    /** A few customers and orders, as a shop that has been trading has. */
    private void seed() {
        StringBuilder sql = new StringBuilder("SET SESSION sql_mode='';\n");
        for (int i = 1; i <= 3; i++) {
            sql.append("INSERT INTO oc_customer SET customer_group_id=1, firstname='Ann").append(i)
                    .append("', lastname='Buyer', email='ann").append(i).append("@example.com', telephone='555-010").append(i)
                    .append("', password='x', status=1, date_added='2024-01-0").append(i).append(" 10:00:00';\n");
            sql.append("INSERT INTO oc_order SET order_id=").append(i).append(", store_id=0, customer_id=").append(i)
                    .append(", firstname='Ann").append(i).append("', lastname='Buyer', email='ann").append(i)
                    .append("@example.com', total=").append(10 * i).append(".5000, order_status_id=1, currency_code='USD'")
                    .append(", currency_value=1, payment_method='{\"name\":\"Cash\",\"code\":\"cod.cod\"}'")
                    .append(", date_added='2024-02-0").append(i).append(" 12:00:00';\n");
            sql.append("INSERT INTO oc_order_product SET order_id=").append(i)
                    .append(", product_id=40, name='iPhone', model='product 11', quantity=").append(i)
                    .append(", price=10.5, total=").append(10 * i).append(".5;\n");
            sql.append("INSERT INTO oc_order_total SET order_id=").append(i).append(", code='total', title='Total', value=")
                    .append(10 * i).append(".5, sort_order=9;\n");
            sql.append("INSERT INTO oc_order_history SET order_id=").append(i)
                    .append(", order_status_id=1, notify=0, comment='placed', date_added='2024-02-0").append(i).append(" 12:00:00';\n");
        }
        sql(sql.toString());
    }

    /** Starts {@code php -S} on the shop's port (OPcache on, as PHP's defaults have it). */
    void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(PHP, "-S", "127.0.0.1:" + port, "-t", root.toString())
                .directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.getParent().resolve("php.log").toFile()));
        pb.environment().put("PHP_CLI_SERVER_WORKERS", "3"); // several requests at once, as PHP-FPM serves them
        php = pb.start();
        Process p = php;
        Ports.await("php -S on port " + port, Duration.ofSeconds(30), () -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("php -S exited");
            }
            return Ports.isOpen(port);
        });
    }

    /** GETs a path of the shop; returns status and body. */
    Reply get(String path, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(60));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    record Reply(int status, String body) {
    }

    void editConfig(String file, String from, String to) throws IOException {
        Path p = root.resolve(file);
        Files.writeString(p, Files.readString(p).replace(from, to));
    }

    private void replaceDefine(String file, String name, String line) throws IOException {
        Path p = root.resolve(file);
        Files.writeString(p, Files.readString(p).replaceAll("(?m)^define\\('" + name + "',.*$", Matcher.quoteReplacement(line)));
    }

    static void unzip(Path zip, String prefix, Path dest) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.getName().startsWith(prefix) || e.getName().length() == prefix.length()) {
                    continue;
                }
                Path out = dest.resolve(e.getName().substring(prefix.length())).normalize();
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String run(Path dir, String... argv) {
        try {
            Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + argv[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops {@code php -S} and its worker processes by pid (the workers outlive a stopped parent). */
    void stop() {
        if (php != null) {
            List<ProcessHandle> workers = php.descendants().toList();
            php.destroy();
            workers.forEach(ProcessHandle::destroy);
            try {
                if (!php.waitFor(10, TimeUnit.SECONDS)) {
                    php.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            php = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}

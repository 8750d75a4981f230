package dev.runbook.modules.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.DebianPackages;
import dev.runbook.testing.TestModuleContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** get_url against a real HTTP server on 127.0.0.1, downloaded by curl, wget and the controller. */
class GetUrlTest {
    static final String TOKEN = "Bearer s3cr3t\"t0k\\en 'x'";
    @TempDir
    Path tmp;
    HttpServer server;
    byte[] zip;
    String sha;
    final AtomicInteger requests = new AtomicInteger();
    Path dl;
    Path cache;

    @BeforeEach
    void serve() throws Exception {
        DebianPackages.ensure("/usr/bin/curl", "curl");
        zip = Files.readAllBytes(OpenCartRelease.zip(tmp.resolve("built.zip")));
        sha = ArchiveReader.sha256(new ByteArrayInputStream(zip));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/releases/opencart-4.0.2.3.zip", ex -> reply(ex, 200, zip));
        server.createContext("/private/opencart.zip", ex -> reply(ex,
                TOKEN.equals(ex.getRequestHeaders().getFirst("Authorization")) ? 200 : 401,
                TOKEN.equals(ex.getRequestHeaders().getFirst("Authorization")) ? zip : "no".getBytes()));
        server.createContext("/missing.zip", ex -> reply(ex, 404, "not here".getBytes()));
        server.start();
        dl = Files.createDirectories(tmp.resolve("downloads"));
        cache = tmp.resolve("cache");
    }

    void reply(HttpExchange ex, int status, byte[] body) throws IOException {
        requests.incrementAndGet();
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    GetUrl module(String... tools) {
        return new GetUrl(new Downloads(cache), tools.length == 0 ? List.of("curl", "wget") : List.of(tools));
    }

    Args args(GetUrl m, Map<String, Object> extra) {
        Map<String, Object> a = new LinkedHashMap<>(Map.of("url", url("/releases/opencart-4.0.2.3.zip"),
                "dest", dl.resolve("opencart.zip").toString()));
        a.putAll(extra);
        return TestModuleContext.args(m, a);
    }

    void downloadsOnceThenNoChange(GetUrl m, Map<String, Object> extra) throws Exception {
        Args a = args(m, extra);
        Change c = Trees.checkWithoutChanging(m, a, tmp.resolve("downloads"));
        assertThat(c.kind()).isEqualTo(ChangeKind.CREATE);
        ModuleResult r = m.apply(Trees.applyContext(), a);
        assertThat(r.changed()).isTrue();
        assertThat(r.data().get("sha256")).isEqualTo(sha);
        assertThat(Files.readAllBytes(dl.resolve("opencart.zip"))).isEqualTo(zip);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dl.resolve("opencart.zip")))).isEqualTo("rw-r--r--");
        try (var files = Files.list(dl)) {
            assertThat(files).containsExactly(dl.resolve("opencart.zip"));
        }
        assertThat(Trees.checkWithoutChanging(m, a, dl).kind()).isEqualTo(ChangeKind.NONE);
        int before = requests.get();
        assertThat(m.apply(Trees.applyContext(), a).changed()).isFalse();
        assertThat(requests.get()).isEqualTo(before);
    }

    @Test
    void targetWithCurlAndChecksum() throws Exception {
        downloadsOnceThenNoChange(module("curl"), Map.of("checksum", "sha256:" + sha));
    }

    @Test
    void targetWithWget() throws Exception {
        DebianPackages.ensure("/usr/bin/wget", "wget");
        downloadsOnceThenNoChange(module("wget"), Map.of());
    }

    @Test
    void controllerDownloadIsCachedByChecksum() throws Exception {
        GetUrl m = module();
        downloadsOnceThenNoChange(m, Map.of("from", "controller", "checksum", "sha256:" + sha.toUpperCase()));
        Files.delete(dl.resolve("opencart.zip"));
        int before = requests.get();
        assertThat(m.apply(Trees.applyContext(), args(m, Map.of("from", "controller", "checksum", "sha256:" + sha))).changed()).isTrue();
        assertThat(requests.get()).isEqualTo(before);
        assertThat(Files.readAllBytes(dl.resolve("opencart.zip"))).isEqualTo(zip);
    }

    @Test
    void wrongChecksumFailsShowingBothAndLeavesNoFile() throws Exception {
        String wrong = "0".repeat(64);
        for (String from : List.of("target", "controller")) {
            GetUrl m = module();
            Args a = args(m, Map.of("from", from, "checksum", "sha256:" + wrong));
            assertThatThrownBy(() -> m.apply(Trees.applyContext(), a)).isInstanceOf(ModuleException.class)
                    .hasMessageContaining("expected sha256:" + wrong).hasMessageContaining("got sha256:" + sha);
            try (var files = Files.list(dl)) {
                assertThat(files).isEmpty();
            }
        }
        try (var files = Files.list(cache)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void changedContentWithChecksumIsDownloadedAgain() throws Exception {
        Files.writeString(dl.resolve("opencart.zip"), "an older release");
        GetUrl m = module();
        Args a = args(m, Map.of("checksum", "sha256:" + sha, "mode", "0640"));
        Change c = Trees.checkWithoutChanging(m, a, dl);
        assertThat(c.kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(c.summary()).contains("expected " + sha);
        assertThat(m.apply(Trees.applyContext(), a).changed()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dl.resolve("opencart.zip")))).isEqualTo("rw-r-----");
        Files.setPosixFilePermissions(dl.resolve("opencart.zip"), PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(Trees.checkWithoutChanging(m, a, dl).summary()).contains("would set mode 0640");
        assertThat(m.apply(Trees.applyContext(), a).changed()).isTrue();
        assertThat(m.apply(Trees.applyContext(), a).changed()).isFalse();
    }

    @Test
    void withoutChecksumAnExistingFileIsKeptUnlessForce() throws Exception {
        Files.writeString(dl.resolve("opencart.zip"), "local copy");
        GetUrl m = module();
        assertThat(m.apply(Trees.applyContext(), args(m, Map.of())).changed()).isFalse();
        assertThat(Files.readString(dl.resolve("opencart.zip"))).isEqualTo("local copy");
        Args force = args(m, Map.of("force", true));
        assertThat(Trees.checkWithoutChanging(m, force, dl).kind()).isEqualTo(ChangeKind.UNKNOWN);
        assertThat(m.apply(Trees.applyContext(), force).changed()).isTrue();
        assertThat(m.apply(Trees.applyContext(), force).changed()).isFalse();
        assertThat(Files.readAllBytes(dl.resolve("opencart.zip"))).isEqualTo(zip);
    }

    @Test
    void headersReachTheServerButNoCommandLine() throws Exception {
        DebianPackages.ensure("/usr/bin/wget", "wget");
        for (String way : List.of("curl", "wget", "controller")) {
            String from = way.equals("controller") ? "controller" : "target";
            GetUrl m = module(way.equals("controller") ? "curl" : way);
            Path dest = dl.resolve(way + ".zip");
            Args a = args(m, Map.of("url", url("/private/opencart.zip"), "dest", dest.toString(), "from", from,
                    "headers", Map.of("Authorization", TOKEN)));
            List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
            TestModuleContext ctx = new TestModuleContext(new Recording(new dev.runbook.connection.local.LocalConnection("localhost"), lines));
            assertThat(m.apply(ctx, a).changed()).isTrue();
            assertThat(Files.readAllBytes(dest)).isEqualTo(zip);
            assertThat(lines).isNotEmpty().noneMatch(l -> l.contains("s3cr3t"));
        }
    }

    @Test
    void directoryDestGetsTheUrlFileName() throws Exception {
        GetUrl m = module();
        Args a = args(m, Map.of("dest", dl.toString()));
        assertThat(m.apply(Trees.applyContext(), a).data().get("dest")).isEqualTo(dl.resolve("opencart-4.0.2.3.zip").toString());
        assertThat(Files.readAllBytes(dl.resolve("opencart-4.0.2.3.zip"))).isEqualTo(zip);
    }

    @Test
    void httpErrorsAndMissingToolsAreClear() {
        for (String from : List.of("target", "controller")) {
            GetUrl m = module();
            Args a = args(m, Map.of("url", url("/missing.zip"), "from", from));
            assertThatThrownBy(() -> m.apply(Trees.applyContext(), a)).isInstanceOf(ModuleException.class)
                    .hasMessageContaining("404");
        }
        GetUrl none = module("no-such-downloader");
        assertThatThrownBy(() -> none.check(Trees.planContext(), args(none, Map.of())))
                .hasMessageContaining("neither no-such-downloader");
        assertThat(catching(() -> none.check(Trees.planContext(), args(none, Map.of("from", "controller")))).kind())
                .isEqualTo(ChangeKind.CREATE);
        assertThatThrownBy(() -> none.apply(Trees.applyContext(), args(none, Map.of())))
                .hasMessageContaining("neither no-such-downloader").hasMessageContaining("from: controller");
        assertThat(module().validate(args(module(), Map.of("checksum", "md5:abc")))).singleElement().asString()
                .contains("sha256:");
    }

    interface CheckCall {
        Change call() throws Exception;
    }

    static Change catching(CheckCall c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Keeps every command line sent. */
    record Recording(dev.runbook.connection.Connection inner, List<String> lines) implements dev.runbook.connection.Connection {
        @Override
        public String host() {
            return inner.host();
        }

        @Override
        public dev.runbook.connection.CommandResult run(dev.runbook.connection.CommandRequest r)
                throws dev.runbook.connection.ConnectionException, InterruptedException {
            lines.add(r.command().toShellLine());
            return inner.run(r);
        }

        @Override
        public void upload(java.io.InputStream data, String remotePath, dev.runbook.connection.FileAttrs attrs)
                throws dev.runbook.connection.ConnectionException, IOException {
            inner.upload(data, remotePath, attrs);
        }

        @Override
        public void download(String remotePath, OutputStream out) throws dev.runbook.connection.ConnectionException, IOException {
            inner.download(remotePath, out);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}

package dev.runbook.modules.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.TestModuleContext;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate_certs against a real TLS server whose self-signed certificate names another host:
 * refused by default, accepted (chain and host name) with validate_certs: false.
 */
class HttpsTest {
    static HttpsServer server;
    static String url;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        char[] pass = "changeit".toCharArray();
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=staging.invalid", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit")).redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as(out).isTrue();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, pass);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pass);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", ex -> {
            byte[] body = "secure hello".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        url = "https://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void selfSignedCertificateIsRefusedByDefault() {
        Http http = new Http();
        assertThatThrownBy(() -> http.apply(new TestModuleContext(null), TestModuleContext.args(http, Map.of("url", url))))
                .isInstanceOf(ModuleException.class).hasMessageContaining("GET " + url + " failed").hasMessageContaining("certificate is not trusted");
    }

    @Test
    void validateCertsFalseAcceptsAnyCertificateAndHostName() throws IOException, Exception {
        Http http = new Http();
        ModuleResult r = http.apply(new TestModuleContext(null), TestModuleContext.args(http,
                Map.of("url", url, "validate_certs", false, "return_content", true)));
        assertThat(r.failed()).as(r.msg()).isFalse();
        assertThat(r.data()).containsEntry("content", "secure hello");
    }
}

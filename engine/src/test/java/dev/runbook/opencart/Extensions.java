package dev.runbook.opencart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Packs a test extension (a directory under resources/opencart) as an OpenCart .ocmod.zip. */
final class Extensions {
    private Extensions() {
    }

    static byte[] zip(String resource) throws IOException {
        Path dir;
        try {
            dir = Path.of(Extensions.class.getResource("/opencart/" + resource).toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(dir)) {
            List<Path> all = files.filter(Files::isRegularFile).sorted().toList();
            for (Path f : all) {
                ZipEntry e = new ZipEntry(dir.relativize(f).toString());
                e.setTime(0); // the same bytes every time, so the sha256 is stable
                zip.putNextEntry(e);
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}

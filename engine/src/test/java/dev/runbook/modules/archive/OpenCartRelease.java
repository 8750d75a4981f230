package dev.runbook.modules.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A small zip laid out like an OpenCart release: everything under opencart-VERSION/upload/. */
final class OpenCartRelease {
    static final String VERSION = "4.0.2.3";
    static final String TOP = "opencart-" + VERSION + "/";

    private OpenCartRelease() {
    }

    static Map<String, String> files() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(TOP + "README.md", "# OpenCart");
        m.put(TOP + "upload/index.php", "<?php // catalog " + VERSION);
        m.put(TOP + "upload/config-dist.php", "<?php // copy to config.php");
        m.put(TOP + "upload/config.php", "");
        m.put(TOP + "upload/admin/index.php", "<?php // admin " + VERSION);
        m.put(TOP + "upload/admin/config-dist.php", "<?php // admin dist");
        m.put(TOP + "upload/admin/config.php", "");
        m.put(TOP + "upload/admin/controller/common/login.php", "<?php // login");
        m.put(TOP + "upload/system/engine/controller.php", "<?php // engine");
        return m;
    }

    static Path zip(Path file) throws IOException {
        return zip(file, files());
    }

    static Path zip(Path file, Map<String, String> files) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry(TOP));
            zip.closeEntry();
            for (Map.Entry<String, String> e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }
}

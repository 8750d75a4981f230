package dev.runbook.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.connection.ReadOnlyConnection;
import dev.runbook.connection.local.LocalConnection;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleRegistry;
import dev.runbook.testing.RealAnsible;
import dev.runbook.testing.TestModuleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** find gives what Ansible's find gives (real ansible-core as the oracle), read-only, in plans too. */
class FindTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COMPARED = List.of("path", "mode", "isdir", "isreg", "islnk", "size", "uid", "gid",
            "pw_name", "gr_name", "inode", "nlink", "wusr", "xoth", "isuid");

    @TempDir
    static Path dir;
    static Path tree;

    @BeforeAll
    static void tree() throws Exception {
        tree = dir.resolve("shop");
        Files.createDirectories(tree.resolve("admin/controller/deep"));
        Files.createDirectories(tree.resolve(".git/objects"));
        Files.createDirectories(tree.resolve("storage/cache"));
        Files.writeString(tree.resolve("config.php"), "<?php\ndefine('DIR_APPLICATION', '/var/www/shop/catalog/');\n");
        Files.writeString(tree.resolve("admin/config.php"), "<?php\n  define('DIR_APPLICATION', '/var/www/shop/admin/');\n");
        Files.writeString(tree.resolve("admin/controller/deep/x.php"), "<?php // deep\n");
        Files.writeString(tree.resolve("index.php"), "<?php require 'config.php';\n");
        Files.writeString(tree.resolve(".htaccess"), "RewriteEngine On\n");
        Files.writeString(tree.resolve(".git/objects/config.php"), "hidden dir, visible name\n");
        Files.write(tree.resolve("storage/cache/big.bin"), new byte[3000]);
        Files.writeString(tree.resolve("storage/cache/old.log"), "old\n");
        Files.writeString(tree.resolve("storage/cache/README"), "keep\n");
        Files.setLastModifiedTime(tree.resolve("storage/cache/old.log"), FileTime.from(Instant.now().minus(10, ChronoUnit.DAYS)));
        Files.setPosixFilePermissions(tree.resolve("index.php"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(tree.resolve("current"), tree.resolve("admin"));
        Files.createSymbolicLink(tree.resolve("link.php"), tree.resolve("index.php"));
    }

    static List<Map<String, Object>> cases() {
        String t = tree.toString();
        List<Map<String, Object>> cases = new ArrayList<>();
        cases.add(Map.of("paths", t));
        cases.add(Map.of("paths", t, "recurse", true));
        cases.add(Map.of("paths", t, "recurse", true, "hidden", true));
        cases.add(Map.of("paths", t, "recurse", true, "depth", 2, "patterns", "*.php"));
        cases.add(Map.of("paths", t, "recurse", true, "patterns", List.of("*.php", "READ*"), "excludes", "index*"));
        cases.add(Map.of("paths", t, "recurse", true, "patterns", "^c.*\\.php$", "use_regex", true));
        cases.add(Map.of("paths", t, "recurse", true, "patterns", "config.php", "contains", ".*DIR_APPLICATION"));
        cases.add(Map.of("paths", t, "recurse", true, "patterns", "config.php", "contains", "define"));
        cases.add(Map.of("paths", t, "recurse", true, "contains", "DIR_APP", "read_whole_file", true));
        cases.add(Map.of("paths", t, "recurse", true, "file_type", "directory", "hidden", true));
        cases.add(Map.of("paths", t, "file_type", "link"));
        cases.add(Map.of("paths", t, "recurse", true, "file_type", "any"));
        cases.add(Map.of("paths", t, "recurse", true, "follow", true, "patterns", "x.php"));
        cases.add(Map.of("paths", t + "/storage", "recurse", true, "size", "2k"));
        cases.add(Map.of("paths", t + "/storage", "recurse", true, "size", "-1k"));
        cases.add(Map.of("paths", t + "/storage", "recurse", true, "age", "5d"));
        cases.add(Map.of("paths", t + "/storage", "recurse", true, "age", "-1h"));
        cases.add(Map.of("paths", List.of(t + "/admin", t + "/index.php", t + "/missing"), "get_checksum", true));
        return cases;
    }

    @Test
    void findGivesWhatAnsibleGives() throws Exception {
        for (Map<String, Object> c : cases()) {
            Map<String, Object> ours = ours(c, false);
            Map<String, Object> theirs = ansible(c);
            String why = "find " + c;
            assertThat(ours.get("matched")).as(why).isEqualTo(theirs.get("matched"));
            assertThat(ours.get("examined")).as(why).isEqualTo(theirs.get("examined"));
            assertThat(ours.get("msg")).as(why).isEqualTo(theirs.get("msg"));
            assertThat(((Map<?, ?>) ours.get("skipped_paths")).keySet()).as(why).isEqualTo(((Map<?, ?>) theirs.get("skipped_paths")).keySet());
            assertThat(comparable(ours)).as(why).isEqualTo(comparable(theirs));
        }
    }

    @Test
    void planModeGivesTheSameResultThroughTheReadOnlyGuard() throws Exception {
        Map<String, Object> c = Map.of("paths", tree.toString(), "recurse", true, "patterns", "config.php", "contains", ".*DIR_APPLICATION");
        Find find = new Find();
        Args args = TestModuleContext.args(find, c);
        Change planned = find.check(new TestModuleContext(new ReadOnlyConnection(new LocalConnection("localhost"))).checkMode(true), args);
        assertThat(planned.kind()).isEqualTo(ChangeKind.NONE);
        assertThat(planned.summary()).isEqualTo("2 matches among 18 entries examined");
        assertThat(comparable(planned.result())).isEqualTo(comparable(ours(c, false)));
        assertThat(ModuleRegistry.builtins().find("ansible.builtin.find")).containsInstanceOf(Find.class);
    }

    @Test
    void badAgeOrRegexIsReportedBeforeRunning() {
        Find find = new Find();
        assertThat(find.validate(TestModuleContext.args(find, Map.of("paths", "/tmp", "age", "2 days"))))
                .containsExactly("failed to process age: '2 days' (a number with an optional unit, one of s, m, h, d, w; a leading minus means at most)");
        assertThat(find.validate(TestModuleContext.args(find, Map.of("paths", "/tmp", "patterns", "(", "use_regex", true))))
                .singleElement().asString().startsWith("patterns '(' is not a valid regular expression");
    }

    private static Map<String, Object> ours(Map<String, Object> c, boolean plan) throws Exception {
        Find find = new Find();
        Args args = TestModuleContext.args(find, c);
        assertThat(find.validate(args)).isEmpty();
        return new LinkedHashMap<>(find.apply(new TestModuleContext(new LocalConnection("localhost")).checkMode(plan), args).data());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ansible(Map<String, Object> c) throws Exception {
        RealAnsible.Result r = RealAnsible.run(dir, Map.of(), null, "ansible", "localhost", "-i", "localhost,", "-c", "local",
                "-m", "find", "-a", JSON.writeValueAsString(c)).requireOk();
        String out = r.out();
        return JSON.readValue(out.substring(out.indexOf("=>") + 2), Map.class);
    }

    /** The compared keys of every file, by path (Ansible lists a directory in the file system's order). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> comparable(Map<String, Object> result) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> f : (List<Map<String, Object>>) result.get("files")) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String k : COMPARED) {
                m.put(k, f.get(k) instanceof Number n ? n.longValue() : f.get(k));
            }
            m.put("mtime", Math.round(((Number) f.get("mtime")).doubleValue()));
            if (f.containsKey("checksum")) {
                m.put("checksum", f.get("checksum"));
            }
            out.add(m);
        }
        out.sort(Comparator.comparing(m -> String.valueOf(m.get("path"))));
        return out;
    }
}

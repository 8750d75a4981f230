package dev.runbook.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** INI values as Python's ast.literal_eval reads them, host ranges, and telling INI from YAML. */
class InventoryValuesTest {
    @Test
    void numbersAsPythonReadsThem() {
        assertThat(PythonLiteral.value("8080")).isEqualTo(8080);
        assertThat(PythonLiteral.value("-5")).isEqualTo(-5);
        assertThat(PythonLiteral.value("0x1F")).isEqualTo(31);
        assertThat(PythonLiteral.value("0o17")).isEqualTo(15);
        assertThat(PythonLiteral.value("1_000")).isEqualTo(1000);
        assertThat(PythonLiteral.value("9999999999")).isEqualTo(9999999999L);
        assertThat(PythonLiteral.value("99999999999999999999")).isEqualTo(new BigInteger("99999999999999999999"));
        assertThat(PythonLiteral.value("1.5")).isEqualTo(1.5);
        assertThat(PythonLiteral.value("1e3")).isEqualTo(1000.0);
        assertThat(PythonLiteral.value("00")).isEqualTo(0);
    }

    @Test
    void textThatIsNotAPythonLiteralStaysText() {
        for (String text : List.of("007", "true", "yes", "hello world", "--5", "1__0", "'open", "[1, 2", "inf", "", "2j")) {
            assertThat(PythonLiteral.value(text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void constantsStringsAndContainers() {
        assertThat(PythonLiteral.value("True")).isEqualTo(true);
        assertThat(PythonLiteral.value("False")).isEqualTo(false);
        assertThat(PythonLiteral.value("None")).isNull();
        assertThat(PythonLiteral.value("'a b'")).isEqualTo("a b");
        assertThat(PythonLiteral.value("\"x\\ty\"")).isEqualTo("x\ty");
        assertThat(PythonLiteral.value("'it' 's'")).isEqualTo("its");
        assertThat(PythonLiteral.value("r'a\\nb'")).isEqualTo("a\\nb");
        assertThat(PythonLiteral.value("'\\x41\\u00e9'")).isEqualTo("Aé");
        assertThat(PythonLiteral.value("[1, \"a\", None]")).isEqualTo(Arrays.asList(1, "a", null));
        assertThat(PythonLiteral.value("(1,)")).isEqualTo(List.of(1));
        assertThat(PythonLiteral.value("(1)")).isEqualTo(1);
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("a", 1);
        dict.put("2", List.of(3));
        assertThat(PythonLiteral.value("{'a': 1, 2: [3]}")).isEqualTo(dict);
    }

    @Test
    void yamlValuesHaveTheTypesAnsibleGivesThem(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("hosts.yml");
        Files.writeString(file, """
                all:
                  hosts:
                    h1:
                      become: yes
                      check: Off
                      mode: 0644
                      hex: 0x1f
                      big: 1_000
                      half: .5
                      exp: 1e3
                      nothing: ~
                      empty:
                      quoted: "yes"
                      letter: y
                      eight: 08
                      date: 2024-01-02
                """);
        Map<String, Object> vars = Inventory.load(file).host("h1").orElseThrow().hostVars();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("become", true);
        expected.put("check", false);
        expected.put("mode", 420);
        expected.put("hex", 31);
        expected.put("big", 1000);
        expected.put("half", 0.5);
        expected.put("exp", "1e3");
        expected.put("nothing", null);
        expected.put("empty", null);
        expected.put("quoted", "yes");
        expected.put("letter", "y");
        expected.put("eight", "08");
        expected.put("date", "2024-01-02");
        assertThat(vars).containsExactlyEntriesOf(expected);
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("hosts");
        Files.writeString(file, "\uFEFF[web]\r\nw1 b=\"b'bytes'\" s=b'x'\r\n");
        Inventory inv = Inventory.load(file);
        assertThat(inv.groups().get("web").hosts()).containsExactly("w1");
        assertThat(inv.host("w1").orElseThrow().hostVars()).containsEntry("b", "bytes").containsEntry("s", "bx");
    }

    @Test
    void rangesKeepZeroPaddingAndSteps() throws HostRange.BadRange {
        assertThat(HostRange.expand("web[01:03].example.com"))
                .containsExactly("web01.example.com", "web02.example.com", "web03.example.com");
        assertThat(HostRange.expand("db-[a:c]")).containsExactly("db-a", "db-b", "db-c");
        assertThat(HostRange.expand("n[1:10:3]")).containsExactly("n1", "n4", "n7", "n10");
        assertThat(HostRange.expand("n[:2]")).containsExactly("n0", "n1", "n2");
        assertThat(HostRange.expand("r[1:2]-[a:b]")).containsExactly("r1-a", "r1-b", "r2-a", "r2-b");
        assertThat(HostRange.expand("x[y:B]")).containsExactly("xy", "xz", "xA", "xB");
        assertThat(HostRange.expand("10.0.[0:1].[8:9]")).containsExactly("10.0.0.8", "10.0.0.9", "10.0.1.8", "10.0.1.9");
        assertThat(HostRange.expand("plain")).containsExactly("plain");
        assertThatThrownBy(() -> HostRange.expand("w[01:9]")).isInstanceOf(HostRange.BadRange.class);
    }

    @Test
    void hostAndPortAsAnsibleSplitsThem() {
        assertThat(HostAddress.parse("db-x:2200")).contains(new HostAddress("db-x", 2200));
        assertThat(HostAddress.parse("[::1]:2222")).contains(new HostAddress("::1", 2222));
        assertThat(HostAddress.parse("10.0.0.[1:3]:22")).contains(new HostAddress("10.0.0.[1:3]", 22));
        assertThat(HostAddress.parse("fe80::1")).contains(new HostAddress("fe80::1", null));
        assertThat(HostAddress.parse("web[01:03]")).contains(new HostAddress("web[01:03]", null));
        assertThat(HostAddress.parse("a:b")).isEmpty();
    }

    @Test
    void shellLikeSplittingOfHostLines() throws Shlex.BadLine {
        assertThat(Shlex.split("h k=v#comment")).containsExactly("h", "k=v");
        assertThat(Shlex.split("h a=\"b c\" d='e f' g=h\\ i")).containsExactly("h", "a=b c", "d=e f", "g=h i");
        assertThat(Shlex.split("h j=\"a\\\"b\" k='a\\b'")).containsExactly("h", "j=a\"b", "k=a\\b");
        assertThatThrownBy(() -> Shlex.split("h a\\")).isInstanceOf(Shlex.BadLine.class);
    }

    @Test
    void yamlIsToldFromIniByContent() {
        assertThat(InventoryFormat.isYaml("# hosts\nall:\n  hosts:\n")).isTrue();
        assertThat(InventoryFormat.isYaml("---\nall:\n")).isTrue();
        assertThat(InventoryFormat.isYaml("{\"all\": {}}")).isTrue();
        assertThat(InventoryFormat.isYaml("web:\n  hosts: {w1: }\n")).isTrue();
        assertThat(InventoryFormat.isYaml("; hosts\n[web]\nw1\n")).isFalse();
        assertThat(InventoryFormat.isYaml("w1 ansible_host=10.0.0.1\n")).isFalse();
        assertThat(InventoryFormat.isYaml("db-x:2200 a=b:\n")).isFalse();
        assertThat(InventoryFormat.isYaml("")).isFalse();
    }
}

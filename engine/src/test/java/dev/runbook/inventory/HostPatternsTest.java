package dev.runbook.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each expected list is what `ansible PATTERN -i inventory/ini/hosts.ini --list-hosts` prints. */
class HostPatternsTest {
    private final Inventory inv = Inventory.load(InventoryTest.fixture("ini/hosts.ini"));

    private List<String> select(String pattern) {
        return inv.select(pattern).stream().map(Host::name).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", value = {
        "all                     => mail.example.com web01.example.com web02.example.com web03.example.com web-extra db-a db-b db-c db-x",
        "*                       => mail.example.com web01.example.com web02.example.com web03.example.com web-extra db-a db-b db-c db-x",
        "web                     => web01.example.com web02.example.com web03.example.com web-extra",
        "prod                    => web01.example.com web02.example.com web03.example.com web-extra db-a db-b db-c db-x",
        "ungrouped               => mail.example.com",
        "db-x                    => db-x",
        "web*                    => web01.example.com web02.example.com web03.example.com web-extra",
        "*.example.com           => mail.example.com web01.example.com web02.example.com web03.example.com",
        "web0?.example.com       => web01.example.com web02.example.com web03.example.com",
        "db-[!a]                 => db-b db-c db-x",
        "~db-[ab]                => db-a db-b",
        "~(mail|db-c)            => mail.example.com db-c",
        "db:web                  => db-a db-b db-c db-x web01.example.com web02.example.com web03.example.com web-extra",
        "'db, web'               => db-a db-b db-c db-x web01.example.com web02.example.com web03.example.com web-extra",
        "db-a:ungrouped          => db-a mail.example.com",
        "web:!web02.example.com  => web01.example.com web03.example.com web-extra",
        "!db                     => mail.example.com web01.example.com web02.example.com web03.example.com web-extra",
        "&db                     => db-a db-b db-c db-x",
        "app:&web                => web01.example.com web02.example.com web03.example.com web-extra",
        "!db-x:&db:prod          => db-a db-b db-c",
        "app:!db:&prod           => web01.example.com web02.example.com web03.example.com web-extra",
        "web[0]                  => web01.example.com",
        "web[-1]                 => web-extra",
        "web[1:2]                => web02.example.com web03.example.com",
        "web[2:]                 => web03.example.com web-extra",
        "web[1:2]:db[0]          => web02.example.com web03.example.com db-a",
    })
    void selects(String pattern, String expected) {
        assertThat(select(pattern)).containsExactly(expected.split(" "));
    }

    /** Checked against ansible --list-hosts: group order for groups, file order for host names. */
    @Test
    void orderFollowsAnsibleForGroupsAndForNames(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("hosts");
        Files.writeString(file, "[b]\nh2\n[c]\nh1\n[a:children]\nb\n");
        Inventory order = Inventory.load(file);
        assertThat(order.select("all")).extracting(Host::name).containsExactly("h1", "h2");
        assertThat(order.hosts()).extracting(Host::name).containsExactly("h1", "h2");
        assertThat(order.select("h*")).extracting(Host::name).containsExactly("h2", "h1");
        assertThat(order.select("a:c")).extracting(Host::name).containsExactly("h2", "h1");
        // '*' matches every group and every host: a subscript counts a host each time it matched.
        assertThat(order.select("*[3]")).extracting(Host::name).containsExactly("h1");
        assertThat(order.select("*[1:4]")).extracting(Host::name).containsExactly("h2", "h1");
    }

    @Test
    void localhostIsImplicitWhenTheInventoryDoesNotNameIt() {
        Host local = inv.select("localhost").get(0);
        assertThat(local.name()).isEqualTo("localhost");
        assertThat(local.var("ansible_connection")).isEqualTo("local");
        assertThat(local.var("ntp")).isEqualTo("time.example.com");
        assertThat(inv.hosts()).extracting(Host::name).doesNotContain("localhost");
    }

    @Test
    void aMistypedNameIsAnErrorWithASuggestion() {
        assertThatThrownBy(() -> inv.select("web:dbb")).isInstanceOf(UserInputException.class)
                .hasMessage("error: host pattern 'dbb' matches no host or group in the inventory — did you mean 'db'?");
        assertThatThrownBy(() -> inv.select("wbe01.example.com")).hasMessage("error: host pattern 'wbe01.example.com' "
                + "matches no host or group in the inventory — did you mean 'web01.example.com'?");
        assertThatThrownBy(() -> inv.select("web:!nosuch")).hasMessage(
                "error: host pattern 'nosuch' matches no host or group in the inventory");
    }

    @Test
    void anEmptySelectionIsAnErrorPointingWhereThePatternWasWritten() {
        assertThatThrownBy(() -> inv.select("web:&db", SourceSpan.of("site.yml", 3, 10)))
                .hasMessage("site.yml:3:10: error: host pattern 'web:&db' selects no hosts");
    }

    @Test
    void badRegexAndSubscriptAreErrors() {
        assertThatThrownBy(() -> inv.select("~web(")).hasMessage(
                "error: invalid regular expression in host pattern '~web(': Unclosed group");
        assertThatThrownBy(() -> inv.select("db[7]")).hasMessage(
                "error: host pattern 'db[7]' asks for host 7, but it matches only 4 hosts (counted from 0)");
    }

    @Test
    void splitsLikeAnsible() {
        assertThat(HostPatterns.split("a:b:!c:&d")).containsExactly("a", "b", "!c", "&d");
        assertThat(HostPatterns.split("a, b ,c")).containsExactly("a", "b", "c");
        assertThat(HostPatterns.split("web[1:3]")).containsExactly("web[1:3]");
        assertThat(HostPatterns.split("fe80::1")).containsExactly("fe80::1");
        assertThat(HostPatterns.split("web[1:3]:db")).containsExactly("web[1:3]", "db");
    }
}

package dev.runbook.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.diag.Diagnostic;
import dev.runbook.diag.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every mistake in an inventory: one message saying what and where (inv:line:column). */
class InventoryErrorsTest {
    @TempDir
    Path dir;

    /** The one-line diagnostics for {@code content} as file "inv", joined by newlines. */
    private String errors(String content) throws IOException {
        Path file = dir.resolve("inv");
        Files.writeString(file, content);
        try {
            Inventory.load(file);
        } catch (UserInputException e) {
            return String.join("\n", e.diagnostics().sorted().stream().map(Diagnostic::oneLine).toList())
                    .replace(dir.toString() + "/", "");
        }
        throw new AssertionError("no error for:\n" + content);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
        '[web]\\nw1\\n[web server]'          => inv:3:1: error: invalid section header [web server]: expected [NAME], [NAME:children] or [NAME:vars], with no spaces in NAME
        '[web:child]\\nw1'                   => inv:1:1: error: unknown section type 'child' in [web:child]: expected children or vars — did you mean 'children'?
        '[web]\\n  w1 port 22'               => inv:2:6: error: expected key=value after the host name, got 'port' — quote values that contain spaces: key="two words"
        '[db]\\ndb1 ; the database'          => inv:2:5: error: expected key=value after the host name, got ';' — comments on a host line start with '#', not ';'
        '[web]\\nw1 motd="hello'             => inv:2:1: error: cannot read host line 'w1 motd="hello': no closing " quote
        '[web]\\nw1:'                         => inv:2:1: error: host 'w1:' ends with ':', which must be followed by a port number
        '[web]\\nw1\\n[web:vars]\\nport'     => inv:4:1: error: expected key=value in [web:vars], got 'port'
        '[web]\\nw1\\n[app:children]\\nweb db' => inv:4:1: error: expected one group name per line in [app:children], got 'web db'
        '[web]\\nw[1:]'                      => inv:2:1: error: bad host range in 'w[1:]': the range [1:] has no end value
        '[web]\\nw[01:100]'                  => inv:2:1: error: bad host range in 'w[01:100]': zero-padded [01:100] needs begin and end of the same width, like [01:20]
        '[web]\\nw[5:1]'                     => inv:2:1: error: bad host range in 'w[5:1]': the range [5:1] begins after its end
        '[web]\\nw[c:a]'                     => inv:2:1: error: bad host range in 'w[c:a]': the range [c:a] begins after its end
        '[web]\\nw[1:5:0]'                   => inv:2:1: error: bad host range in 'w[1:5:0]': the step of [1:5:0] must be 1 or more
        '[web]\\nw[a:3]'                     => inv:2:1: error: bad host range in 'w[a:3]': [a:3] is neither a number range like [1:9] nor a letter range like [a:f]
        '[web]\\nw[1:2:3:4]'                 => inv:2:1: error: bad host range in 'w[1:2:3:4]': expected [begin:end] or [begin:end:step], got [1:2:3:4]
        '[web]\\nw[1:3'                      => inv:2:1: error: bad host range in 'w[1:3': '[' without a closing ']'
        '[a:children]\\nb\\n[b:children]\\na' => inv:4:1: error: group 'a' cannot be a child of 'b': that makes a loop b → a → b
        '[a:children]\\na'                   => inv:2:1: error: group 'a' cannot be a child of 'a': that makes a loop a → a
        '[web]\\nw1\\n[web:vars]\\nansible_group_priority=high' => inv:4:1: error: ansible_group_priority of group 'web' must be a whole number, got 'high'
        """)
    void iniMistakes(String content, String message) throws IOException {
        assertThat(errors(content.replace("\\n", "\n"))).isEqualTo(message);
    }

    @Test
    void everyUndeclaredGroupIsReportedAtOnce() throws IOException {
        assertThat(errors("""
                [db]
                db1
                [app:children]
                dbs
                web
                [cache:vars]
                size=1
                """)).isEqualTo("""
                inv:4:1: error: [app:children] names group 'dbs', which is not defined anywhere — did you mean 'db'?
                inv:5:1: error: [app:children] names group 'web', which is not defined anywhere
                inv:6:1: error: [cache:vars] sets variables of group 'cache', which has no [cache] or [cache:children] section""");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
        '- web\\n- db'                           => inv:1:1: error: a YAML inventory must be a mapping of group names, like 'all:', not a list
        'all: web'                              => inv:1:6: error: group 'all' must be a mapping with hosts, children or vars, not a string
        'all:\\n  host:\\n    w1:'               => inv:2:3: error: unknown key 'host' in group 'all': expected hosts, children or vars — did you mean 'hosts'?
        'all:\\n  hosts: [w1, w2]'               => inv:2:10: error: 'hosts' of group 'all' must be a mapping, not a list
        'all:\\n  hosts:\\n    w1: [a]'          => inv:3:9: error: the variables of host 'w1' must be a mapping, not a list
        'all:\\n  hosts:\\n    w[3:1]:'          => inv:3:5: error: bad host range in 'w[3:1]': the range [3:1] begins after its end
        'all:\\n  hosts:\\n    [w1, w2]: {}'     => inv:3:5: error: expected a name here, not a list
        'plugin: aws_ec2'                       => inv:1:1: error: this is the configuration of an inventory plugin, not an inventory: plugins are not supported
        '---'                                   => inv:1:1: error: the YAML inventory is empty
        'all:\\n  hosts:\\n    w1:\\n   bad: x'  => inv:4:4: error: invalid YAML: expected <block end>, but found '<block mapping start>'
        """)
    void yamlMistakes(String content, String message) throws IOException {
        assertThat(errors(content.replace("\\n", "\n"))).isEqualTo(message);
    }

    @Test
    void aChildThatLoopsBackInYamlIsRefused() throws IOException {
        assertThat(errors("""
                all:
                  children:
                    a:
                      children:
                        b:
                          children:
                            a:
                """)).isEqualTo("inv:5:9: error: group 'b' cannot be a child of 'a': that makes a loop a → b → a");
    }

    @Test
    void aVarsFileMustBeAMapping() throws IOException {
        Files.createDirectories(dir.resolve("group_vars"));
        Files.writeString(dir.resolve("group_vars/web.yml"), "# tuning\n- max_conn: 1\n");
        assertThat(errors("[web]\nw1\n")).isEqualTo(
                "group_vars/web.yml:2:1: error: a variables file must be a mapping of variable names to values, not a list");
    }

    @Test
    void anEncryptedVarsFileWithoutAPasswordIsNamedWithItsVaultId() throws IOException {
        Files.createDirectories(dir.resolve("group_vars"));
        Files.writeString(dir.resolve("group_vars/all.yml"), """
                $ANSIBLE_VAULT;1.2;AES256;prod
                62313365396662343061393464336163383764373764613633653634306231386433626436623361
                """);
        assertThat(errors("w1\n")).isEqualTo("group_vars/all.yml: error: this is encrypted with Ansible Vault "
                + "(vault id 'prod') and no vault password was given — give the password with --vault-password-file FILE, "
                + "--vault-id LABEL@FILE, --ask-vault-pass or ANSIBLE_VAULT_PASSWORD_FILE (see docs/vault.md)");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.ini");
        assertThatThrownBy(() -> Inventory.load(missing)).isInstanceOf(UserInputException.class)
                .hasMessage(missing + ": error: no inventory file or directory here");
    }

    @Test
    void aScriptThatIsNotExecutableIsSaidToBeOne() throws IOException {
        Path script = dir.resolve("inventory.py");
        Files.writeString(script, "#!/usr/bin/env python3\nprint('{}')\n");
        assertThatThrownBy(() -> Inventory.load(script)).hasMessageStartingWith(script
                + ":1:1: error: this inventory starts with #! but is not executable — make the script executable");
    }

    @Test
    void diagnosticsCarryTheirPosition() throws IOException {
        Path file = dir.resolve("hosts.yml");
        Files.writeString(file, "all:\n  children:\n    web:\n      hostz:\n");
        UserInputException e = org.junit.jupiter.api.Assertions.assertThrows(UserInputException.class,
                () -> Inventory.load(file));
        List<Diagnostic> all = e.diagnostics().all();
        assertThat(all).hasSize(1);
        assertThat(all.get(0).span().file()).isEqualTo(file.toString());
        assertThat(all.get(0).span().line()).isEqualTo(4);
        assertThat(all.get(0).span().column()).isEqualTo(7);
        assertThat(all.get(0).suggestion()).isEqualTo("did you mean 'hosts'?");
    }
}

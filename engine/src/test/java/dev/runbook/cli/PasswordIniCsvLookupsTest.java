package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.testing.RealAnsible;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The password, ini and csvfile lookups against ansible-playbook: the same expressions over the
 * same files write the same text; a password file neither had is made by each, alike in form.
 */
class PasswordIniCsvLookupsTest {
    private static final String CONTENT = """
            ini1={{ lookup('ini', 'user section=db file=app.ini') }}
            ini2={{ lookup('ini', 'User', section='db', file='app.ini') }}
            ini3={{ lookup('ini', 'missing section=db file=app.ini default=fallback') }}
            ini4={{ lookup('ini', 'port.* section=db file=app.ini re=True') }}
            ini5={{ query('ini', 'url section=db file=app.ini') }}
            ini6={{ lookup('ini', 'multi section=db file=app.ini') | to_json }}
            ini7={{ lookup('ini', 'name type=properties file=app.properties') }}
            ini8={{ lookup('ini', 'shared section=web file=app.ini') }}
            ini9={{ lookup('ini', 'path', section='web', file='app.ini') }}
            ini10={{ lookup('ini', 'user section=db file=app.ini', 'shared section=web file=app.ini', wantlist=True) }}
            ini11={{ lookup('ini', 'skip-ssl', section='mysqld', file='my.ini', allow_no_value=True) }}
            ini12={{ lookup('ini', 'user', section='mysqld', file='my.ini', allow_no_value=True) }}
            ini13={{ lookup('ini', 'USER section=mysqld file=my.ini case_sensitive=True', allow_none=True) }}
            csv1={{ lookup('csvfile', 'bob file=people.csv delimiter=,') }}
            csv2={{ lookup('csvfile', 'bob file=people.csv delimiter=, col=2') }}
            csv3={{ lookup('csvfile', 'carol file=people.tsv') }}
            csv4={{ lookup('csvfile', 'nobody file=people.csv delimiter=, default=none') }}
            csv5={{ lookup('csvfile', 'quoted file=people.csv delimiter=,') }}
            csv6={{ lookup('csvfile', 'bob', file='people.csv', delimiter=',', col='2') }}
            csv7={{ lookup('csvfile', 'nobody file=people.csv delimiter=,') }}
            csv8={{ lookup('csvfile', 'carol file=people.tsv delimiter=TAB col=0') }}
            pw1={{ lookup('password', 'creds/existing') }}
            pw2={{ lookup('password', 'creds/salted') }}
            pw3={{ lookup('password', '/dev/null seed=host1 length=12') }}
            pw4={{ lookup('password', '/dev/null seed=abc chars=digits,,') }}
            pw5={{ lookup('password', '/dev/null seed=abc chars=ascii_lowercase,digits length=30') }}
            pw6={{ lookup('password', '/dev/null', seed='x', length=8, chars='hexdigits') }}
            pw8={{ lookup('password', 'creds/with space length=5') }}
            pw7={{ lookup('password', '/dev/null seed=s') }}
            new={{ lookup('password', out ~ '/made/pw length=16') | length }} {{ lookup('password', out ~ '/made/pw') | length }}
            """;

    @TempDir
    Path dir;

    @Test
    void theSameValuesAsAnsible() throws Exception {
        Files.writeString(dir.resolve("app.ini"), """
                [DEFAULT]
                shared = from default
                base = /srv

                [db]
                # a comment
                User = admin
                port = 5432
                port_ssl: 5433
                url = postgres://%(user)s@host:%(port)s/%%db
                multi = first
                  second

                  third
                [web]
                path = %(base)s/www
                """);
        Files.writeString(dir.resolve("app.properties"), "# props\nname = shop\nother=1\n");
        Files.writeString(dir.resolve("people.csv"), "alice,30,paris\nbob,41,\"new york, ny\"\n\"quoted\",\"a \"\"b\"\" c\",x\n");
        Files.writeString(dir.resolve("my.ini"), "[mysqld]\nskip-ssl\nUSER = mysql\n");
        Files.writeString(dir.resolve("people.tsv"), "carol\t22\tberlin\n");
        Files.createDirectories(dir.resolve("creds"));
        Files.writeString(dir.resolve("creds/existing"), "s3cret-Pass\n\n");
        Files.writeString(dir.resolve("creds/with space"), "spaced\n");
        Files.writeString(dir.resolve("creds/salted"), "other pass salt=abcdefgh\n");
        Files.writeString(dir.resolve("play.yml"), "- hosts: localhost\n  gather_facts: false\n  tasks:\n"
                + "    - copy:\n        dest: \"{{ out }}/values.txt\"\n        content: |\n" + CONTENT.indent(10));
        Files.writeString(dir.resolve("rb.yml"), "runbook: lookups\nhosts: localhost\nsteps:\n  s:\n    tasks:\n"
                + "      - copy:\n          dest: \"{{ out }}/values.txt\"\n          content: |\n" + CONTENT.indent(12));
        Path theirs = Files.createDirectories(dir.resolve("theirs"));
        RealAnsible.run(dir, Map.of(), null, "ansible-playbook", "-i", "localhost,", "-c", "local", "play.yml",
                "-e", "out=" + theirs).requireOk();
        Path ours = Files.createDirectories(dir.resolve("ours"));
        Cli.Result r = Cli.run(Cli.env(dir, Map.of("HOME", dir.toString()), ""), "apply", dir.resolve("rb.yml").toString(),
                "-e", "out=" + ours, "--state-dir", dir.resolve("st").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        String expected = Files.readString(theirs.resolve("values.txt"));
        assertThat(expected).contains("ini1=admin").contains("csv2=new york, ny").contains("pw1=s3cret-Pass").contains("new=16 16")
                .contains("ini12=mysql").contains("pw8=spaced");
        assertThat(Files.readString(ours.resolve("values.txt"))).isEqualTo(expected);
        for (Path made : new Path[] {theirs.resolve("made/pw"), ours.resolve("made/pw")}) {
            assertThat(Files.readString(made)).matches("[A-Za-z0-9.,:_-]{16}\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made))).isEqualTo("rw-------");
        }
        assertThat(r.out()).doesNotContain("s3cret-Pass");
    }
}

package dev.runbook.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of text inputs: bit flips, cuts, repeats, splices with other seeds, and
 * insertions of tokens that matter to YAML, INI, Jinja2 and vault parsers (anchors and aliases,
 * tags, merge keys, deep nesting, brackets, quotes, control and non-ASCII characters, huge
 * numbers). Deterministic for a given {@link Random}.
 */
final class Mutator {
    private static final List<String> TOKENS = List.of(
            "{{", "}}", "{%", "%}", "{#", "#}", "{{ x }}", "{% for i in range(99999999) %}", "{% endfor %}",
            "{{ a.b.c[0] }}", "{{ 'x' * 999999999 }}", "{{ lookup('file', '/etc/passwd') }}", "| default", "|int",
            ":", ": ", "- ", "-", "? ", "&a ", "*a", "<<: *a", "!!binary ", "!!python/object ", "!!int ", "!!map ",
            "!vault |", "$ANSIBLE_VAULT;1.1;AES256\n", "$ANSIBLE_VAULT;1.2;AES256;dev\n", "6162", "\n  ", "\n    - ",
            "\t", "\r\n", "\u0000", "\u00e9", "\ud83d\ude00", "\u202e", "\"", "'", "\\", "\\u12", "[", "]", "{", "}",
            "[[[[[[[[[[[[[[[[", "{a: {a: {a: {a: {a:", ",", "#", "%YAML 1.1\n", "---\n", "...\n", "~", "null",
            "true", "0x", "0o777", "1e999999", "-9223372036854775809", "99999999999999999999", ".inf", ".nan",
            "[web]", "[web:vars]", "[web:children]", "web[1:9999999]", "web[a:z]", "web[01:10:0]", "=", "==",
            "ansible_host=", "ansible_port=99999", "hosts:", "children:", "vars:", "all:", "steps:", "tasks:",
            "needs: [", "run: always", "loop: ", "when: ", "register: ", "include: ", "serial: ", "timeout: ",
            "retries: -1", "until: ", "delay: 1e9", "become: ", "check: ", "creates: ", "import_tasks: ", "../../",
            "/etc/shadow", "${HOME}", "$(id)", "`id`");

    private final List<byte[]> seeds;

    Mutator(List<byte[]> seeds) {
        this.seeds = seeds;
    }

    byte[] next(Random r) {
        byte[] in = seeds.get(r.nextInt(seeds.size()));
        int rounds = 1 + r.nextInt(6);
        for (int i = 0; i < rounds; i++) {
            in = mutate(in, r);
        }
        return in.length > 200_000 ? java.util.Arrays.copyOf(in, 200_000) : in;
    }

    private byte[] mutate(byte[] in, Random r) {
        int at = in.length == 0 ? 0 : r.nextInt(in.length + 1);
        return switch (r.nextInt(8)) {
            case 0 -> flip(in, r);
            case 1 -> cut(in, at, r);
            case 2 -> insert(in, at, TOKENS.get(r.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8));
            case 3 -> repeat(in, at, r);
            case 4 -> splice(in, at, seeds.get(r.nextInt(seeds.size())), r);
            case 5 -> insert(in, lineStart(in, at), TOKENS.get(r.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8));
            case 6 -> insert(in, at, randomBytes(r));
            default -> swapLines(in, r);
        };
    }

    private static byte[] flip(byte[] in, Random r) {
        if (in.length == 0) {
            return in;
        }
        byte[] out = in.clone();
        out[r.nextInt(out.length)] ^= (byte) (1 << r.nextInt(8));
        return out;
    }

    private static byte[] cut(byte[] in, int at, Random r) {
        int len = Math.min(in.length - Math.min(at, in.length), r.nextInt(32));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(in, 0, at);
        out.write(in, at + len, in.length - at - len);
        return out.toByteArray();
    }

    private static byte[] insert(byte[] in, int at, byte[] what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(in, 0, at);
        out.write(what, 0, what.length);
        out.write(in, at, in.length - at);
        return out.toByteArray();
    }

    private static byte[] repeat(byte[] in, int at, Random r) {
        int len = Math.min(in.length - at, 1 + r.nextInt(64));
        if (len <= 0) {
            return in;
        }
        byte[] piece = java.util.Arrays.copyOfRange(in, at, at + len);
        byte[] out = in;
        for (int i = r.nextInt(1 << (1 + r.nextInt(10))); i > 0; i--) {
            out = insert(out, at, piece);
        }
        return out;
    }

    private static byte[] splice(byte[] in, int at, byte[] other, Random r) {
        if (other.length == 0) {
            return in;
        }
        int from = r.nextInt(other.length);
        int len = Math.min(other.length - from, 1 + r.nextInt(200));
        return insert(in, at, java.util.Arrays.copyOfRange(other, from, from + len));
    }

    private static int lineStart(byte[] in, int at) {
        int i = Math.min(at, in.length);
        while (i > 0 && in[i - 1] != '\n') {
            i--;
        }
        return i;
    }

    private static byte[] randomBytes(Random r) {
        byte[] b = new byte[1 + r.nextInt(8)];
        r.nextBytes(b);
        return b;
    }

    private static byte[] swapLines(byte[] in, Random r) {
        String[] lines = new String(in, StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length < 2) {
            return in;
        }
        int a = r.nextInt(lines.length);
        int b = r.nextInt(lines.length);
        String t = lines[a];
        lines[a] = lines[b];
        lines[b] = t;
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }
}

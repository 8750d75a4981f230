package dev.runbook.template.jinja;

import dev.runbook.vault.ControllerSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's password lookup: {@code 'path length=N chars=... seed=...'}. The file (relative to the
 * runbook's directory) holds the password; when it is absent a random one is made and written
 * (its directory 0700, the file 0600), {@code /dev/null} gives a fresh one each time. A stored
 * {@code password salt=...} keeps only the password. Every value is a secret, masked in output.
 * A plan never writes: a password not stored yet is known only when applying.
 */
final class PasswordLookup {
    private static final Set<String> VALID = Set.of("length", "encrypt", "chars", "ident", "seed");
    private static final Map<String, String> CHAR_SETS = Map.ofEntries(
            Map.entry("ascii_letters", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
            Map.entry("ascii_lowercase", "abcdefghijklmnopqrstuvwxyz"),
            Map.entry("ascii_uppercase", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
            Map.entry("digits", "0123456789"), Map.entry("hexdigits", "0123456789abcdefABCDEF"),
            Map.entry("octdigits", "01234567"), Map.entry("punctuation", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
            Map.entry("whitespace", " \t\n\r\u000b\f"),
            Map.entry("printable", "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                    + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\u000b\f"));
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordLookup() {
    }

    static String run(String term, Map<String, Object> options, Path base, boolean plan) {
        int space = term.indexOf(' ');
        String first = space < 0 ? term : term.substring(0, space);
        LookupKv kv = space < 0 ? new LookupKv(List.of(), Map.of()) : LookupKv.parse(term.substring(space + 1));
        // As Ansible: words before the options belong to the path ("my file length=8").
        String relpath = kv.raw() == null ? first : first + " " + kv.raw();
        if (!term.startsWith(relpath)) {
            throw new FilterFailure("Unrecognized value after key=value parameters given to password lookup: " + term);
        }
        Map<String, Object> params = new java.util.LinkedHashMap<>(options);
        params.putAll(kv.options());
        for (String k : params.keySet()) {
            if (!VALID.contains(k) && !k.equals("wantlist")) {
                throw new FilterFailure("Unrecognized parameter(s) given to password lookup: " + k
                        + " (valid: length, chars, seed, encrypt, ident)");
            }
        }
        if (params.get("encrypt") != null) {
            throw new FilterFailure("the password lookup's encrypt= is not supported: leave it out and hash the value where it is "
                    + "used (for example with the user module's password_hash support in the target system)");
        }
        int length = lengthOf(params.getOrDefault("length", 20));
        String chars = candidates(params.get("chars"));
        Path path = base.resolve(relpath);
        boolean devNull = path.toString().equals("/dev/null");
        String password;
        if (!devNull && Files.exists(path)) {
            password = stored(read(path));
        } else {
            if (plan) {
                throw FilterFailure.knownOnlyWhenApplying("lookup('password', '" + relpath + "') makes a new password, which a plan "
                        + "never does: its value is known only when applying", "lookup('password', '" + relpath + "')");
            }
            password = random(length, chars, params.get("seed"));
            if (!devNull) {
                write(path, password);
            }
        }
        ControllerSecrets.remember(password);
        return password;
    }

    private static int lengthOf(Object v) {
        try {
            return Integer.parseInt(Py.str(v).strip());
        } catch (NumberFormatException e) {
            throw new FilterFailure("the password lookup's length must be a whole number, not '" + Py.str(v) + "'");
        }
    }

    /** Ansible's chars: comma-separated names of Python string constants or literal characters; ",," is a comma. */
    static String candidates(Object spec) {
        List<String> parts = new ArrayList<>();
        if (spec == null) {
            parts.addAll(List.of("ascii_letters", "digits", ".,:-_"));
        } else if (spec instanceof List<?> l) {
            l.forEach(x -> parts.add(Py.str(x)));
        } else {
            String s = Py.str(spec);
            if (s.contains(",,")) {
                parts.add(",");
            }
            for (String p : s.replace(",,", ",").split(",")) {
                if (!p.isEmpty()) {
                    parts.add(p);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        parts.forEach(p -> out.append(CHAR_SETS.getOrDefault(p, p)));
        String chars = out.toString().replace("\"", "").replace("'", "");
        if (chars.isEmpty()) {
            throw new FilterFailure("the password lookup's chars give no characters to choose from");
        }
        return chars;
    }

    private static String random(int length, String chars, Object seed) {
        StringBuilder sb = new StringBuilder(length);
        PyRandom seeded = seed == null ? null : new PyRandom(seed);
        for (int i = 0; i < length; i++) {
            sb.append(seeded != null ? seeded.choice(chars) : chars.charAt(RANDOM.nextInt(chars.length())));
        }
        return sb.toString();
    }

    /** The stored password: the file without trailing whitespace, without a {@code " salt=..."} suffix. */
    static String stored(String content) {
        String c = content.stripTrailing();
        int salt = c.lastIndexOf(" salt=");
        return salt < 0 ? c : c.substring(0, salt);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FilterFailure("the password lookup cannot read " + p + ": " + e.getMessage());
        }
    }

    private static void write(Path p, String password) {
        try {
            Path dir = p.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (!Files.exists(p)) {
                Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(p, password + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FilterFailure("the password lookup cannot write " + p + ": " + e.getMessage());
        }
    }
}

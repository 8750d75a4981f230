package dev.runbook.connection.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The part of an OpenSSH client config ({@code ~/.ssh/config}) that matters here: {@code Host}
 * blocks with HostName, User, Port, IdentityFile, ProxyJump and ConnectTimeout. As in OpenSSH the
 * first value found for a keyword wins, except IdentityFile, which accumulates. {@code Match}
 * blocks and {@code Include} are not read.
 */
final class SshConfig {
    static final SshConfig EMPTY = new SshConfig(List.of());

    private record Block(List<String> patterns, List<String[]> options) {
    }

    private final List<Block> blocks;

    private SshConfig(List<Block> blocks) {
        this.blocks = blocks;
    }

    static SshConfig read(Path file) {
        if (file == null || !Files.isReadable(file)) {
            return EMPTY;
        }
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            return EMPTY;
        }
    }

    static SshConfig parse(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        Block current = new Block(List.of("*"), new ArrayList<>());
        blocks.add(current);
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] kv = line.split("\\s*=\\s*|\\s+", 2);
            String key = kv[0].toLowerCase(Locale.ROOT);
            String value = kv.length > 1 ? unquote(kv[1].strip()) : "";
            if (key.equals("host")) {
                current = new Block(List.of(value.split("\\s+")), new ArrayList<>());
                blocks.add(current);
            } else if (key.equals("match")) {
                current = new Block(List.of(), new ArrayList<>()); // never applies
                blocks.add(current);
            } else {
                current.options().add(new String[] {key, value});
            }
        }
        return new SshConfig(blocks);
    }

    /** Options applying to {@code host}: keyword (lower case) to values, in file order. */
    Map<String, List<String>> lookup(String host) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Block b : blocks) {
            if (!matches(b.patterns(), host)) {
                continue;
            }
            for (String[] kv : b.options()) {
                List<String> values = out.computeIfAbsent(kv[0], k -> new ArrayList<>());
                if (values.isEmpty() || kv[0].equals("identityfile")) {
                    values.add(kv[1]);
                }
            }
        }
        return out;
    }

    static boolean matches(List<String> patterns, String host) {
        boolean matched = false;
        for (String p : patterns) {
            boolean negated = p.startsWith("!");
            String glob = negated ? p.substring(1) : p;
            if (glob(glob).matcher(host).matches()) {
                if (negated) {
                    return false;
                }
                matched = true;
            }
        }
        return matched;
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}

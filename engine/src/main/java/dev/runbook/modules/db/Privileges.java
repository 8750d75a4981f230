package dev.runbook.modules.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's privileges by object ({@code db.*}, {@code db.table}, {@code *.*}), read from
 * Ansible's {@code priv} syntax ({@code 'db.*:ALL,GRANT/db2.*:SELECT'} or a map of object to
 * privileges) or from {@code SHOW GRANTS}. Objects are kept without backticks; privilege names
 * upper case, {@code ALL} as {@code ALL PRIVILEGES}, {@code GRANT} as the grant option.
 */
record Privileges(Map<String, Set<String>> byObject) {
    static final String GRANT = "GRANT";
    private static final String USAGE = "USAGE";
    private static final Pattern SHOW = Pattern.compile(
            "GRANT (.+?) ON (?!PROCEDURE |FUNCTION )(\\S+) TO \\S+?(?: IDENTIFIED (?:BY|VIA) .*?)?( WITH GRANT OPTION)?(?: WITH .*)?");

    /** Ansible's priv argument: a string or a map. Throws IllegalArgumentException saying what is wrong. */
    static Privileges parse(Object priv) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        if (priv instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                put(out, String.valueOf(e.getKey()), String.valueOf(e.getValue()));
            }
            return new Privileges(out);
        }
        for (String piece : String.valueOf(priv).split("/")) {
            if (piece.isBlank()) {
                continue;
            }
            int colon = piece.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("'" + piece + "' is not OBJECT:PRIVILEGES, e.g. 'shop.*:ALL' or "
                        + "'shop.*:SELECT,INSERT/*.*:PROCESS'");
            }
            put(out, piece.substring(0, colon), piece.substring(colon + 1));
        }
        return new Privileges(out);
    }

    private static void put(Map<String, Set<String>> out, String object, String privs) {
        String o = object.strip().replace("`", "");
        if (!o.contains(".")) {
            throw new IllegalArgumentException("'" + object + "' is not a database object: write db.*, db.table or *.*");
        }
        Set<String> set = out.computeIfAbsent(o, k -> new TreeSet<>());
        for (String p : splitTopLevel(privs)) {
            String n = normalise(p);
            if (!n.isEmpty()) {
                set.add(n);
            }
        }
    }

    /** The lines of SHOW GRANTS FOR a user. Grants on routines, proxies and roles are ignored. */
    static Privileges fromGrants(List<String> lines) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = SHOW.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            Set<String> set = out.computeIfAbsent(m.group(2).replace("`", ""), k -> new TreeSet<>());
            for (String p : splitTopLevel(m.group(1))) {
                set.add(normalise(p));
            }
            if (m.group(3) != null) {
                set.add(GRANT);
            }
        }
        return new Privileges(out);
    }

    private static String normalise(String privilege) {
        String p = privilege.strip().replace("`", "").replaceAll("\\s+", " ");
        int paren = p.indexOf('(');
        String name = (paren < 0 ? p : p.substring(0, paren)).strip().toUpperCase(Locale.ROOT);
        String columns = paren < 0 ? "" : " " + p.substring(paren).replace(" ", "");
        if (name.equals("ALL")) {
            name = "ALL PRIVILEGES";
        }
        return name + columns;
    }

    private static List<String> splitTopLevel(String list) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : list.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** The privileges on {@code object} other than USAGE and the grant option. */
    Set<String> real(String object) {
        Set<String> s = new TreeSet<>(byObject.getOrDefault(object, Set.of()));
        s.remove(USAGE);
        s.remove(GRANT);
        return s;
    }

    boolean grantOption(String object) {
        return byObject.getOrDefault(object, Set.of()).contains(GRANT);
    }

    /** True when nothing but USAGE is held on {@code object}. */
    boolean empty(String object) {
        return real(object).isEmpty() && !grantOption(object);
    }

    /** An object as GRANT takes it: {@code `db`.*}, {@code `db`.`table`}, {@code *.*}. */
    static String quoted(String object) {
        int dot = object.indexOf('.');
        return part(object.substring(0, dot)) + "." + part(object.substring(dot + 1));
    }

    private static String part(String name) {
        return name.equals("*") ? "*" : SqlRunner.ident(name);
    }
}

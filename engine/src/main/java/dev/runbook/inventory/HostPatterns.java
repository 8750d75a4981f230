package dev.runbook.inventory;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.Suggestions;
import dev.runbook.diag.UserInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Ansible host patterns: {@code all}, {@code *}, a group or host name, globs, {@code ~regex},
 * unions with ',' or ':', {@code !} exclusions and {@code &} intersections, {@code [i]} and
 * {@code [i:j]} subscripts. As in Ansible, plain patterns apply first, then intersections, then
 * exclusions, whatever their written order; results keep Ansible's order.
 */
final class HostPatterns {
    private static final Pattern SUBSCRIPT = Pattern.compile("^(.+)\\[(?:(-?[0-9]+)|([0-9]+)([:-])([0-9]*))\\]$");
    private static final Pattern COLON_PARTS = Pattern.compile("(?:[^\\s:\\[\\]]|\\[[^\\]]*\\])+");
    private static final Set<String> LOCALHOST = Set.of("localhost", "127.0.0.1", "::1");

    private final Inventory inventory;
    private final SourceSpan at;

    HostPatterns(Inventory inventory, SourceSpan at) {
        this.inventory = inventory;
        this.at = at;
    }

    List<Host> select(String pattern) {
        List<String> parts = split(pattern);
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (String p : ordered(parts)) {
            List<Host> that = inventory.host(p).map(List::of).orElseGet(() -> matchOne(p));
            if (p.startsWith("!")) {
                hosts.keySet().removeAll(names(that));
            } else if (p.startsWith("&")) {
                hosts.keySet().retainAll(names(that));
            } else {
                that.forEach(h -> hosts.putIfAbsent(h.name(), h));
            }
        }
        if (hosts.isEmpty()) {
            throw UserInputException.of(at, "host pattern '" + pattern + "' selects no hosts", "");
        }
        return List.copyOf(hosts.values());
    }

    private static Set<String> names(List<Host> hosts) {
        Set<String> out = new HashSet<>();
        hosts.forEach(h -> out.add(h.name()));
        return out;
    }

    /** Ansible's split: commas; else one pattern if it reads as a host (IPv6, ranges); else colons. */
    static List<String> split(String pattern) {
        List<String> raw = new ArrayList<>();
        if (pattern.contains(",")) {
            raw.addAll(List.of(pattern.split(",", -1)));
        } else if (HostAddress.parse(pattern).isPresent()) {
            raw.add(pattern);
        } else {
            Matcher m = COLON_PARTS.matcher(pattern);
            while (m.find()) {
                raw.add(m.group());
            }
        }
        return raw.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> ordered(List<String> parts) {
        List<String> regular = new ArrayList<>();
        List<String> intersect = new ArrayList<>();
        List<String> exclude = new ArrayList<>();
        for (String p : parts) {
            (p.startsWith("!") ? exclude : p.startsWith("&") ? intersect : regular).add(p);
        }
        if (regular.isEmpty()) {
            regular.add("all");
        }
        List<String> out = new ArrayList<>(regular);
        out.addAll(intersect);
        out.addAll(exclude);
        return out;
    }

    private List<Host> matchOne(String written) {
        String pattern = written.startsWith("!") || written.startsWith("&") ? written.substring(1) : written;
        String expr = pattern;
        int[] subscript = null;
        Matcher m = SUBSCRIPT.matcher(pattern);
        if (!pattern.startsWith("~") && m.matches()) {
            expr = m.group(1);
            subscript = m.group(2) != null ? new int[] {Integer.parseInt(m.group(2))}
                    : new int[] {Integer.parseInt(m.group(3)), m.group(5).isEmpty() ? -1 : Integer.parseInt(m.group(5))};
        }
        List<Host> hosts = enumerate(expr, pattern);
        return subscript == null ? hosts : subscript(hosts, subscript, pattern);
    }

    private List<Host> enumerate(String expr, String pattern) {
        Pattern re = compile(expr, pattern);
        // A host may appear more than once here, as in Ansible: a subscript counts the repeats.
        List<String> names = new ArrayList<>();
        boolean groupMatched = false;
        for (String group : inventory.groups().keySet()) {
            if (re.matcher(group).lookingAt()) {
                groupMatched = true;
                names.addAll(inventory.hostsUnder(group));
            }
        }
        boolean special = expr.startsWith("~") || expr.matches(".*[.?*\\[].*");
        if (!groupMatched || special) {
            inventory.definitionOrder().stream().filter(n -> re.matcher(n).lookingAt()).forEach(names::add);
        }
        List<Host> hosts = names.stream().map(n -> inventory.host(n).orElseThrow()).toList();
        if (hosts.isEmpty() && LOCALHOST.contains(expr)) {
            return List.of(inventory.implicitLocalhost(expr));
        }
        if (hosts.isEmpty() && !groupMatched) {
            throw noMatch(expr);
        }
        return hosts;
    }

    private Pattern compile(String expr, String pattern) {
        try {
            return Pattern.compile(expr.startsWith("~") ? expr.substring(1) : Glob.toRegex(expr));
        } catch (PatternSyntaxException e) {
            throw UserInputException.of(at, "invalid regular expression in host pattern '" + pattern + "': "
                    + e.getDescription(), "");
        }
    }

    private UserInputException noMatch(String expr) {
        Set<String> names = new LinkedHashSet<>(inventory.groups().keySet());
        inventory.hosts().forEach(h -> names.add(h.name()));
        return UserInputException.of(at, "host pattern '" + expr + "' matches no host or group in the inventory",
                Suggestions.didYouMean(expr, names));
    }

    /** Python slicing as Ansible applies it: [i] one host (negative from the end), [i:j] inclusive. */
    private List<Host> subscript(List<Host> hosts, int[] sub, String pattern) {
        int n = hosts.size();
        if (n == 0) {
            return hosts;
        }
        if (sub.length == 1 || sub[1] == 0) {
            int i = sub[0] < 0 ? n + sub[0] : sub[0];
            if (i < 0 || i >= n) {
                throw UserInputException.of(at, "host pattern '" + pattern + "' asks for host " + sub[0]
                        + ", but it matches only " + n + " host" + (n == 1 ? "" : "s") + " (counted from 0)", "");
            }
            return List.of(hosts.get(i));
        }
        int end = sub[1] == -1 ? n - 1 : sub[1];
        int from = Math.min(sub[0], n);
        int to = Math.min(end + 1, n);
        return from >= to ? List.of() : hosts.subList(from, to);
    }
}

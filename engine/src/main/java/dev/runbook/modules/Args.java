package dev.runbook.modules;

import dev.runbook.model.ModuleCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A module's arguments after templating, checked against its {@link ModuleSpec}: aliases mapped
 * to names, defaults filled, values coerced to their declared type. Build with {@link #bind}.
 */
public final class Args {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
    /** An argument declared with this name lets a module take any other name (set_fact's variables). */
    public static final String ANY_NAME = "*";
    private final ModuleSpec spec;
    private final Map<String, Object> values;

    private Args(ModuleSpec spec, Map<String, Object> values) {
        this.spec = spec;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Binds raw (already templated) values to the spec. Problems are returned as messages, one
     * per argument, so the caller can report them all (with spans at validation time).
     */
    public static Bound bind(ModuleSpec spec, Map<String, Object> raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            String key = e.getKey();
            if (key.equals(ModuleCall.FREE_FORM)) {
                if (!spec.freeForm()) {
                    problems.put(key, "module '" + spec.name() + "' takes a map of arguments, not a string");
                } else {
                    out.put(key, e.getValue() == null ? "" : String.valueOf(e.getValue()));
                }
                continue;
            }
            var arg = spec.arg(key);
            if (arg.isEmpty() && spec.arg(ANY_NAME).isPresent()) {
                out.put(key, e.getValue());
                continue;
            }
            if (arg.isEmpty()) {
                problems.put(key, "unknown argument '" + key + "' for module '" + spec.name() + "'");
                continue;
            }
            ArgSpec a = arg.get();
            try {
                Object v = coerce(a, e.getValue());
                out.put(a.name(), v);
            } catch (IllegalArgumentException ex) {
                problems.put(key, "argument '" + key + "' of module '" + spec.name() + "': " + ex.getMessage());
            }
        }
        for (ArgSpec a : spec.args()) {
            if (!out.containsKey(a.name())) {
                if (a.required()) {
                    problems.put(a.name(), "module '" + spec.name() + "' needs argument '" + a.name() + "'");
                } else if (a.defaultValue() != null) {
                    out.put(a.name(), coerce(a, a.defaultValue()));
                }
            }
        }
        return new Bound(new Args(spec, out), problems);
    }

    /** The bound arguments plus any problems, keyed by the argument as written. */
    public record Bound(Args args, Map<String, String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Coerces one value to its declared type; throws IllegalArgumentException saying what is expected. */
    public static Object coerce(ArgSpec a, Object v) {
        if (v == null) {
            return null;
        }
        Object result = switch (a.type()) {
            case STRING -> scalarString(v);
            case INT -> toLong(v);
            case BOOL -> toBool(v);
            case LIST -> v instanceof List<?> l ? List.copyOf(l) : List.of(scalarString(v));
            case MAP -> {
                if (v instanceof Map<?, ?> m) {
                    yield m;
                }
                throw new IllegalArgumentException("expected a map, got '" + v + "'");
            }
            case MODE -> toMode(v);
            case DURATION -> toDuration(v);
            case ANY -> v;
        };
        if (!a.choices().isEmpty() && !a.choices().contains(String.valueOf(result))) {
            throw new IllegalArgumentException("'" + result + "' is not one of " + String.join(", ", a.choices()));
        }
        return result;
    }

    private static String scalarString(Object v) {
        if (v instanceof Map || v instanceof List) {
            throw new IllegalArgumentException("expected a string, got a " + (v instanceof Map ? "map" : "list"));
        }
        return String.valueOf(v);
    }

    static long toLong(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number, got '" + v + "'");
        }
    }

    /** Ansible's booleans: true/false, yes/no, on/off, 1/0 (case-insensitive). */
    public static boolean toBool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim().toLowerCase();
        return switch (s) {
            case "true", "yes", "on", "1", "y" -> true;
            case "false", "no", "off", "0", "n", "" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got '" + v + "'");
        };
    }

    /**
     * File modes are always octal, as Ansible users mean: {@code 0644}, {@code "0644"}, {@code "644"}
     * and {@code 644} (YAML 1.2 reads an unquoted 0644 as decimal 644) all mean rw-r--r--.
     * A symbolic mode ({@code u=rw,g=r,o=r}) is kept as a string.
     */
    static Object toMode(Object v) {
        String s = String.valueOf(v).trim();
        if (s.matches("0?o?[0-7]{3,4}")) {
            return Integer.parseInt(s.replace("o", ""), 8);
        }
        if (s.matches("[ugoa]*[-+=][rwxXst]*(,[ugoa]*[-+=][rwxXst]*)*")) {
            return s;
        }
        throw new IllegalArgumentException("expected an octal mode like '0644' or a symbolic one like 'u=rw,g=r,o=r', got '" + v + "'");
    }

    static Duration toDuration(Object v) {
        if (v instanceof Number n) {
            return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
        }
        Matcher m = DURATION.matcher(String.valueOf(v).trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected seconds or a duration like '30s', '5m', '1h', got '" + v + "'");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> n;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 1000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    public ModuleSpec spec() {
        return spec;
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public Object get(String name) {
        return values.get(name);
    }

    public String string(String name) {
        Object v = values.get(name);
        return v == null ? null : String.valueOf(v);
    }

    public String freeForm() {
        return string(ModuleCall.FREE_FORM);
    }

    public boolean bool(String name) {
        Object v = values.get(name);
        return v != null && toBool(v);
    }

    public Long integer(String name) {
        Object v = values.get(name);
        return v == null ? null : toLong(v);
    }

    /** Octal mode bits, or null; symbolic modes are read with {@link #string}. */
    public Integer mode(String name) {
        Object v = values.get(name);
        return v instanceof Integer i ? i : null;
    }

    public Duration duration(String name) {
        Object v = values.get(name);
        return v == null ? null : (Duration) v;
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        Object v = values.get(name);
        return v == null ? List.of() : (List<Object>) v;
    }

    public List<String> strings(String name) {
        List<String> out = new ArrayList<>();
        for (Object o : list(name)) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        Object v = values.get(name);
        return v == null ? Map.of() : (Map<String, Object>) v;
    }

    public Map<String, Object> asMap() {
        return values;
    }
}

package dev.runbook.exec;

import dev.runbook.event.TaskOutcome;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.vault.SecretMask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last line of defence for secrets: values of arguments declared secret (database and sudo
 * passwords, HTTP headers) and the host's connection passwords are replaced by {@value #MASK}
 * wherever they would appear in what a task reports — messages, results, diffs, output lines
 * (short ones where they stand alone: {@link SecretMask}).
 * Registered values keep the real text: later tasks may need it.
 */
final class Secrets {
    static final String MASK = SecretMask.MASK;
    private static final List<String> HOST_SECRETS = List.of("ansible_password", "ansible_ssh_pass",
            "ansible_become_password", "ansible_become_pass");

    private final List<String> values;

    private Secrets(List<String> values) {
        this.values = values;
    }

    static Secrets of(Args args, Map<String, Object> vars) {
        return of(args, vars, java.util.Set.of());
    }

    /** As above, plus {@code known}: values decrypted from Ansible Vault, secret wherever they appear. */
    static Secrets of(Args args, Map<String, Object> vars, java.util.Collection<String> known) {
        List<String> found = new ArrayList<>();
        known.forEach(v -> collect(v, found));
        for (ArgSpec a : args.spec().args()) {
            if (a.secret() && args.has(a.name())) {
                collect(args.get(a.name()), found);
            }
        }
        for (String name : HOST_SECRETS) {
            collect(vars.get(name), found);
        }
        found.sort(Comparator.comparingInt(String::length).reversed()); // longest first: no partial masks
        return new Secrets(List.copyOf(found));
    }

    static Secrets none() {
        return new Secrets(List.of());
    }

    private static void collect(Object v, List<String> out) {
        if (v instanceof Map<?, ?> m) {
            m.values().forEach(x -> collect(x, out));
        } else if (v instanceof List<?> l) {
            l.forEach(x -> collect(x, out));
        } else if (v != null && SecretMask.usable(String.valueOf(v))) {
            out.add(String.valueOf(v));
        }
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    String mask(String s) {
        if (s == null || values.isEmpty()) {
            return s;
        }
        return SecretMask.mask(s, values);
    }

    Object mask(Object v) {
        if (v instanceof String s) {
            return mask(s);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), mask(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(this::mask).toList();
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    TaskOutcome mask(TaskOutcome o) {
        if (values.isEmpty()) {
            return o;
        }
        if (o instanceof TaskOutcome.Ok ok) {
            return new TaskOutcome.Ok(ok.changed(), mask(ok.msg()), (Map<String, Object>) mask(ok.result()), mask(ok.diff()));
        }
        if (o instanceof TaskOutcome.Failed f) {
            return new TaskOutcome.Failed(mask(f.msg()), (Map<String, Object>) mask(f.result()), f.ignored());
        }
        if (o instanceof TaskOutcome.Planned p) {
            Change c = p.change();
            return new TaskOutcome.Planned(new Change(c.kind(), mask(c.summary()), mask(c.diff()),
                    c.result() == null ? null : (Map<String, Object>) mask(c.result()), mask(c.probe())));
        }
        if (o instanceof TaskOutcome.Unreachable u) {
            return new TaskOutcome.Unreachable(mask(u.msg()), u.mayHaveStarted());
        }
        return o;
    }
}

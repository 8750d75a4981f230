package dev.runbook.modules.system;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.facts.HostFacts;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.Footprint;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code setup} (and {@code gather_facts}): gathers the host's facts (see
 * {@link HostFacts}) with one read-only command and returns them as {@code ansible_facts}, so
 * they become variables ({@code ansible_distribution}) and keys of {@code ansible_facts}.
 * {@code gather_subset} picks groups as Ansible does (min is always there; hardware and network
 * on request or with all), {@code filter} keeps the facts whose names match, and local facts
 * under {@code fact_path} become {@code ansible_local}.
 */
public final class Setup implements Module {
    /** Facts of Ansible's hardware subset. */
    static final List<String> HARDWARE = List.of("memtotal_mb", "memfree_mb", "swaptotal_mb", "swapfree_mb", "memory_mb", "processor",
            "processor_count", "processor_cores", "processor_threads_per_core", "processor_vcpus", "processor_nproc", "uptime_seconds");
    /** Facts of Ansible's network subset. */
    static final List<String> NETWORK = List.of("default_ipv4", "all_ipv4_addresses", "interfaces");
    private final ModuleSpec spec;

    private Setup(String name) {
        this.spec = new ModuleSpec(name,
                "Gather the host's facts (Ansible's ansible.builtin." + name + "): distribution, os_family, architecture, memory, "
                        + "processors, default_ipv4, hostname/fqdn, kernel, user, service and package manager, as ansible_* variables.",
                List.of(
                        ArgSpec.optional("gather_subset", ArgType.LIST, List.of("all"), "Which groups: all, min, hardware, network; "
                                + "!name leaves one out (min is always gathered)."),
                        ArgSpec.optional("filter", ArgType.LIST, List.of(), "Keep only facts whose names match one of these shell "
                                + "patterns (ansible_*_mb)."),
                        ArgSpec.optional("fact_path", ArgType.STRING, "/etc/ansible/facts.d", "Local facts: each NAME.fact file "
                                + "there (JSON, INI, or an executable printing JSON) becomes ansible_local.NAME."),
                        ArgSpec.optional("gather_timeout", ArgType.DURATION, 10, "How long gathering may take."),
                        ArgSpec.optional("parallel", ArgType.BOOL, null, "Accepted for Ansible's gather_facts: there is one "
                                + "gatherer.")),
                false, """
                setup:
                  gather_subset: [min, hardware]
                """);
    }

    public static Setup setup() {
        return new Setup("setup");
    }

    public static Setup gatherFacts() {
        return new Setup("gather_facts");
    }

    @Override
    public ModuleSpec spec() {
        return spec;
    }

    @Override
    public boolean isReadOnly(Map<String, Object> args) {
        return true;
    }

    @Override
    public Footprint footprint(Args args) {
        return Footprint.readsOnly();
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        Map<String, Object> data = new LinkedHashMap<>(gather(ctx, args));
        data.put("changed", false);
        return Change.none("gathered " + ((Map<?, ?>) data.get("ansible_facts")).size() + " facts").withResult(data);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        Map<String, Object> data = gather(ctx, args);
        Map<?, ?> facts = (Map<?, ?>) data.get("ansible_facts");
        return new ModuleResult(false, false, "gathered " + facts.size() + " facts", data, null);
    }

    private Map<String, Object> gather(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        Duration timeout = args.duration("gather_timeout");
        CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell(HostFacts.probeScript())).withTimeout(timeout));
        if (r.timedOut()) {
            throw new ModuleException("gathering facts took longer than gather_timeout (" + timeout.toSeconds() + "s)");
        }
        Map<String, Object> all = HostFacts.parse(r.stdout());
        List<String> subset = args.strings("gather_subset");
        Map<String, Object> facts = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : all.entrySet()) {
            if (included(e.getKey(), subset)) {
                facts.put("ansible_" + e.getKey(), e.getValue());
            }
        }
        Object dateTime = ctx.vars().get("ansible_date_time");
        if (dateTime != null) {
            facts.put("ansible_date_time", dateTime);
        }
        facts.put("ansible_local", LocalFacts.gather(ctx, args.string("fact_path")));
        List<String> filters = args.strings("filter");
        if (!filters.isEmpty()) {
            facts.keySet().removeIf(name -> filters.stream().noneMatch(p -> FileSystems.getDefault()
                    .getPathMatcher("glob:" + p).matches(Path.of(name))));
        }
        facts.put("gather_subset", List.copyOf(subset));
        facts.put("module_setup", true);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ansible_facts", facts);
        return data;
    }

    /** Ansible's subsets: min always; all, hardware and network add theirs; !name takes them out again. */
    static boolean included(String fact, List<String> subset) {
        String group = HARDWARE.contains(fact) ? "hardware" : NETWORK.contains(fact) ? "network" : "min";
        List<String> wanted = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (String s : subset) {
            if (s.startsWith("!")) {
                excluded.add(s.substring(1));
            } else {
                wanted.add(s);
            }
        }
        if (wanted.isEmpty() && !excluded.contains("all")) {
            wanted.add("all");
        }
        if (group.equals("min")) {
            return !excluded.contains("min") || wanted.contains("min");
        }
        return (wanted.contains("all") || wanted.contains(group)) && !excluded.contains(group)
                && !(excluded.contains("all") && !wanted.contains(group));
    }
}

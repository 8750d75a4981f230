package dev.runbook.cli;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import dev.runbook.inventory.Inventory;
import dev.runbook.inventory.InventoryOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `runbook inventory`: the inventory as runbook reads it, in ansible-inventory's formats. */
@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = "Show an Ansible inventory as runbook reads it: groups, hosts and each host's merged "
                + "variables, in the layout of ansible-inventory.")
final class InventoryCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY",
            description = "An INI or YAML file, an executable inventory script, a directory of them, or host1,host2, "
                    + "(a list). Repeatable. Default: ansible.cfg's inventory, else localhost only.")
    List<String> inventory = new ArrayList<>();

    @Mixin
    VaultOptions vault = new VaultOptions();

    @Parameters(arity = "0..1", paramLabel = "GROUP", description = "With --graph: start from this group (default: all).")
    String group;

    @ArgGroup(exclusive = true, multiplicity = "1")
    View view;

    static final class View {
        @Option(names = "--list", required = true, description = "Groups and every host's variables, as JSON.")
        boolean list;

        @Option(names = "--graph", required = true, description = "The group tree, from @all (or GROUP) down to hosts.")
        boolean graph;

        @Option(names = "--host", required = true, paramLabel = "NAME", description = "One host's variables, as JSON.")
        String host;
    }

    InventoryCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        RunOptions sources = new RunOptions();
        sources.inventory = inventory;
        sources.vault = vault;
        RunSettings settings = new RunSettings(ctx, sources);
        List<String> chosen = settings.inventories();
        Inventory inv = chosen.isEmpty() ? Inventory.localhost()
                : Inventory.load(chosen.stream().map(java.nio.file.Path::of).toList(), settings.vault());
        if (group != null && !view.graph) {
            throw UserInputException.of(SourceSpan.NONE, "a GROUP argument goes with --graph only", "");
        }
        String text;
        if (view.list) {
            text = InventoryOutput.list(inv);
        } else if (view.graph) {
            text = InventoryOutput.graph(inv, group == null ? "all" : group);
        } else {
            text = InventoryOutput.host(inv, view.host);
        }
        ctx.out().print(text);
        ctx.out().flush();
        return ExitCode.OK.code();
    }
}

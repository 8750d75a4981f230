package dev.runbook.parse;

import dev.runbook.diag.Diagnostics;
import dev.runbook.diag.SourceSpan;
import dev.runbook.vault.Vault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The files a runbook reads (itself, included steps and tasks, role files), in the order read,
 * and the chain of files being read, so an include cycle is reported as that chain. A file read a
 * second time (a role used twice) reports its problems only once.
 */
final class IncludeChain {
    private final Diagnostics diags;
    private final Vault vault;
    private final List<Path> files = new ArrayList<>();
    private final List<Path> chain = new ArrayList<>();
    private final Set<Path> read = new HashSet<>();

    IncludeChain(Diagnostics diags, Vault vault) {
        this.diags = diags;
        this.vault = vault;
    }

    /** A file opened: its reader and root node. */
    record Included(NodeReader reader, Node node) {
    }

    Vault vault() {
        return vault;
    }

    Diagnostics diags() {
        return diags;
    }

    /** Every file read, for fingerprints. */
    List<Path> files() {
        return files;
    }

    /** The first file: entered for good (never left). */
    void start(Path file) {
        files.add(file);
        chain.add(file.toAbsolutePath().normalize());
        read.add(file.toAbsolutePath().normalize());
    }

    void finish() {
        chain.remove(chain.size() - 1);
    }

    /** Opens an included file, refusing include cycles with the chain of files; {@link #leave} after use. */
    Optional<Included> enter(NodeReader r, Node at, Path target) {
        Path norm = target.toAbsolutePath().normalize();
        int index = chain.indexOf(norm);
        if (index >= 0) {
            List<String> names = new ArrayList<>();
            for (Path p : chain.subList(index, chain.size())) {
                names.add(display(p));
            }
            names.add(display(norm));
            r.error(at, "include cycle: " + String.join(" → ", names), "remove one of these includes");
            return Optional.empty();
        }
        Optional<Node> root = YamlSource.load(target, r.span(at), diags);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        chain.add(norm);
        if (!files.contains(target)) {
            files.add(target);
        }
        // A file read again (a role used twice) was checked the first time: report its problems once.
        Diagnostics sink = read.add(norm) ? diags : new Diagnostics();
        return Optional.of(new Included(new NodeReader(YamlSource.label(target), sink, vault), root.get()));
    }

    /** Reads a data file (role defaults, vars, meta) that takes no part in include cycles. */
    Optional<Included> data(SourceSpan from, Path target) {
        Optional<Node> root = YamlSource.load(target, from, diags);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        if (!files.contains(target)) {
            files.add(target);
        }
        Path norm = target.toAbsolutePath().normalize();
        Diagnostics sink = read.add(norm) ? diags : new Diagnostics();
        return Optional.of(new Included(new NodeReader(YamlSource.label(target), sink, vault), root.get()));
    }

    void leave() {
        chain.remove(chain.size() - 1);
    }

    static String display(Path abs) {
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}

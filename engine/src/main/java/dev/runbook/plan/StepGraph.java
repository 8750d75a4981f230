package dev.runbook.plan;

import dev.runbook.diag.Diagnostic;
import dev.runbook.diag.Diagnostics;
import dev.runbook.diag.Suggestions;
import dev.runbook.model.Runbook;
import dev.runbook.model.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.TarjanSimpleCycles;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * The runbook's steps as a DAG (an edge runs from a need to the step that needs it). Built only
 * from a runbook whose needs were checked by {@link #check}; ties in every order are broken by
 * file order, so output is deterministic.
 */
public final class StepGraph {
    /** Beyond this many, further cycles add noise, not information. */
    private static final int MAX_CYCLES_REPORTED = 10;

    private final Runbook runbook;
    private final Graph<String, DefaultEdge> graph;
    private final Map<String, Integer> fileOrder;
    private final List<String> order;

    private StepGraph(Runbook runbook, Graph<String, DefaultEdge> graph, Map<String, Integer> fileOrder) {
        this.runbook = runbook;
        this.graph = graph;
        this.fileOrder = fileOrder;
        List<String> topo = new ArrayList<>();
        new TopologicalOrderIterator<>(graph, byFileOrder()).forEachRemaining(topo::add);
        this.order = Collections.unmodifiableList(topo);
    }

    /** Checks needs (unknown, self) and cycles, adding diagnostics; returns the graph when sound. */
    public static java.util.Optional<StepGraph> check(Runbook runbook, Diagnostics diags) {
        Map<String, Integer> fileOrder = new HashMap<>();
        Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        int i = 0;
        for (String id : runbook.steps().keySet()) {
            fileOrder.put(id, i++);
            g.addVertex(id);
        }
        int before = diags.size();
        for (Step s : runbook.steps().values()) {
            for (String need : new LinkedHashSet<>(s.needs())) {
                if (need.equals(s.id())) {
                    diags.add(Diagnostic.error(s.span(), "step '" + s.id() + "' needs itself")
                            .withSuggestion("remove '" + need + "' from its needs"));
                } else if (!runbook.steps().containsKey(need)) {
                    diags.add(Diagnostic.error(s.span(), "step '" + s.id() + "' needs unknown step '" + need + "'")
                            .withSuggestion(Suggestions.didYouMean(need, runbook.steps().keySet())));
                } else {
                    g.addEdge(need, s.id());
                }
            }
        }
        discoveryFirst(runbook, g, diags);
        reportCycles(runbook, g, fileOrder, diags);
        if (diags.size() > before) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new StepGraph(runbook, g, fileOrder));
    }

    /**
     * Discovery steps run before every other step: each step that needs no other non-discovery
     * step gets every discovery step as a need (so, transitively, every step comes after them). A
     * discovery step may need only discovery steps.
     */
    private static void discoveryFirst(Runbook rb, Graph<String, DefaultEdge> g, Diagnostics diags) {
        List<String> discovery = rb.steps().values().stream().filter(Step::discovery).map(Step::id).toList();
        if (discovery.isEmpty()) {
            return;
        }
        int before = diags.size();
        List<String> roots = new ArrayList<>();
        for (Step s : rb.steps().values()) {
            boolean needsOrdinary = false;
            for (String need : s.needs()) {
                Step n = rb.steps().get(need);
                if (n != null && !n.discovery()) {
                    needsOrdinary = true;
                    if (s.discovery()) {
                        diags.add(Diagnostic.error(s.span(), "discovery step '" + s.id() + "' needs '" + need
                                + "', which is not a discovery step", "discovery steps run before every other step")
                                .withSuggestion("mark '" + need + "' as discovery: true, or remove the need"));
                    }
                }
            }
            if (!s.discovery() && !needsOrdinary) {
                roots.add(s.id());
            }
        }
        if (diags.size() == before) {
            roots.forEach(id -> discovery.forEach(d -> g.addEdge(d, id)));
        }
    }

    private static void reportCycles(Runbook rb, Graph<String, DefaultEdge> g, Map<String, Integer> fileOrder,
                                     Diagnostics diags) {
        List<List<String>> cycles = new ArrayList<>();
        for (List<String> c : new TarjanSimpleCycles<>(g).findSimpleCycles()) {
            if (c.size() < 2) {
                continue; // self needs are reported on their own
            }
            cycles.add(rotate(c, fileOrder));
        }
        cycles.sort(Comparator.comparing((List<String> c) -> fileOrder.get(c.get(0)))
                .thenComparing(List::size).thenComparing(Object::toString));
        for (List<String> c : cycles.subList(0, Math.min(cycles.size(), MAX_CYCLES_REPORTED))) {
            // The graph runs need -> step; people read "a needs b needs c", so print it reversed.
            List<String> path = new ArrayList<>(c);
            Collections.reverse(path);
            path = rotate(path, fileOrder);
            path.add(path.get(0));
            diags.add(Diagnostic.error(rb.steps().get(path.get(0)).span(),
                    "steps form a cycle: " + String.join(" → ", path) + " (each needs the next)")
                    .withSuggestion("remove one of these needs"));
        }
    }

    /** Starts a cycle at its earliest step in the file, so the same cycle always prints the same. */
    private static List<String> rotate(List<String> cycle, Map<String, Integer> fileOrder) {
        int start = 0;
        for (int i = 1; i < cycle.size(); i++) {
            if (fileOrder.get(cycle.get(i)) < fileOrder.get(cycle.get(start))) {
                start = i;
            }
        }
        List<String> out = new ArrayList<>(cycle.subList(start, cycle.size()));
        out.addAll(cycle.subList(0, start));
        return out;
    }

    private Comparator<String> byFileOrder() {
        return Comparator.comparing(fileOrder::get);
    }

    public Runbook runbook() {
        return runbook;
    }

    /** Every step, needs first, ties by file order. */
    public List<String> order() {
        return order;
    }

    public List<String> needs(String step) {
        return graph.incomingEdgesOf(step).stream().map(graph::getEdgeSource).sorted(byFileOrder()).toList();
    }

    public List<String> dependents(String step) {
        return graph.outgoingEdgesOf(step).stream().map(graph::getEdgeTarget).sorted(byFileOrder()).toList();
    }

    /** Every step {@code step} depends on, directly or further up. */
    public Set<String> ancestors(String step) {
        Set<String> out = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(needs(step));
        while (!todo.isEmpty()) {
            String s = todo.remove(todo.size() - 1);
            if (out.add(s)) {
                todo.addAll(needs(s));
            }
        }
        return out;
    }

    /** Every step that depends on {@code step}, directly or further down. */
    public Set<String> descendants(String step) {
        Set<String> out = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(dependents(step));
        while (!todo.isEmpty()) {
            String s = todo.remove(todo.size() - 1);
            if (out.add(s)) {
                todo.addAll(dependents(s));
            }
        }
        return out;
    }
}

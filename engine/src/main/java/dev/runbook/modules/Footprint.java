package dev.runbook.modules;

import java.util.List;

/**
 * What one module call reads on its host to decide what to do (its probes), and what it would
 * change. A plan uses it to mark predictions stale: a probe that reads something an earlier task
 * is predicted to change cannot know what apply will find. {@code writes} is null when the module
 * cannot say what it changes (a command without {@code creates}/{@code removes}).
 */
public record Footprint(List<Resource> reads, List<Resource> writes) {
    /** Reads and changes nothing on the host (controller-side modules). */
    public static final Footprint NONE = new Footprint(List.of(), List.of());
    /** A module that declares nothing: it may read anything and change anything. */
    public static final Footprint UNDECLARED = new Footprint(List.of(Resource.anything()), null);

    public Footprint {
        reads = List.copyOf(reads);
        writes = writes == null ? null : List.copyOf(writes);
    }

    /** Reads and writes the same resources (most modules that manage one thing). */
    public static Footprint on(List<Resource> resources) {
        return new Footprint(resources, resources);
    }

    public static Footprint on(Resource... resources) {
        return on(List.of(resources));
    }

    /** Only reads: changes nothing on the host. */
    public static Footprint readsOnly(Resource... resources) {
        return new Footprint(List.of(resources), List.of());
    }

    /** True when the module says what it would change. */
    public boolean writesKnown() {
        return writes != null;
    }
}

package dev.runbook.modules;

import dev.runbook.connection.ConnectionException;

/**
 * A built-in module. Every module answers twice: {@link #check} says what it would change using
 * read-only probes only (dry-run and plan), {@link #apply} probes again and makes the change.
 * Apply never replays what a plan guessed. Both must be idempotent: applying a finished state
 * again reports no change. Implementations are stateless and thread-safe.
 */
public interface Module {

    ModuleSpec spec();

    default String name() {
        return spec().name();
    }

    /**
     * Checks that need more than the per-argument declaration (mutually exclusive arguments,
     * a state that needs another argument). Returns problem messages; empty when fine.
     * Only sees arguments whose values are not templates.
     */
    default java.util.List<String> validate(Args args) {
        return java.util.List.of();
    }

    /** What would change, from read-only probes. Must not change the host. */
    Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException;

    /** Probes, then changes the host to the desired state. */
    ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException;

    /**
     * True for modules that only act on the controller's variables (debug, set_fact, assert,
     * fail): they run the same in plan mode and need no connection.
     */
    default boolean isControllerOnly() {
        return false;
    }

    /**
     * True when this call, with these arguments as written (templates unrendered), never changes
     * anything: it may run in a discovery step. Controller-only modules are read-only.
     */
    default boolean isReadOnly(java.util.Map<String, Object> args) {
        return isControllerOnly();
    }

    /**
     * Whether running this task again is safe when nobody knows if its last run finished (it
     * was in flight when the process died): true for modules that probe before they change
     * anything. {@code args} are the arguments as written (templates not rendered).
     */
    default boolean safeToRepeat(java.util.Map<String, Object> args) {
        return true;
    }

    /**
     * What this call (its arguments rendered) reads on the host to decide, and what it would
     * change there. Plans use it to tell which predictions an earlier predicted change makes
     * stale. Modules that do not say may read anything and change anything.
     */
    default Footprint footprint(Args args) {
        return isControllerOnly() ? Footprint.NONE : Footprint.UNDECLARED;
    }

    /**
     * The variables this call sets on the host for later tasks (set_fact), read from its
     * arguments as written. When a plan cannot know the call's outcome, these become unknown.
     */
    default java.util.Set<String> factNames(java.util.Map<String, Object> args) {
        return java.util.Set.of();
    }
}

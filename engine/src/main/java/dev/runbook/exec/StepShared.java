package dev.runbook.exec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Objects the tasks of one step on one host share (the http module's cookie jar), keyed by type.
 * A new one for every run of the step's tasks, so a retried step starts afresh.
 */
final class StepShared {
    private final Map<Class<?>, Object> values = new ConcurrentHashMap<>();

    <T> T get(Class<T> type, Supplier<T> create) {
        return type.cast(values.computeIfAbsent(type, t -> create.get()));
    }
}

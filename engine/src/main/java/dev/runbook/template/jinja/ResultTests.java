package dev.runbook.template.jinja;

import com.hubspot.jinjava.lib.exptest.ExpTest;
import java.util.List;
import java.util.Map;

/**
 * Tests on a registered task result: {@code result is failed}, {@code succeeded}, {@code changed},
 * {@code skipped}. A result of a loop ({@code results: [...]}) is changed when any item is.
 */
final class ResultTests {
    private ResultTests() {
    }

    static List<ExpTest> all() {
        return List.of(
            new TestFn("failed", (v, a, k) -> failed(v, "failed")),
            new TestFn("failure", (v, a, k) -> failed(v, "failure")),
            new TestFn("succeeded", (v, a, k) -> !failed(v, "succeeded")),
            new TestFn("success", (v, a, k) -> !failed(v, "success")),
            new TestFn("successful", (v, a, k) -> !failed(v, "successful")),
            new TestFn("changed", (v, a, k) -> changed(v, "changed")),
            new TestFn("change", (v, a, k) -> changed(v, "change")),
            new TestFn("skipped", (v, a, k) -> flag(result(v, "skipped"), "skipped")),
            new TestFn("skip", (v, a, k) -> flag(result(v, "skip"), "skipped")));
    }

    /** The {@code failed} key; a result without one failed when its {@code rc} is not 0. */
    private static boolean failed(Object v, String test) {
        Map<?, ?> r = result(v, test);
        if (r.containsKey("failed")) {
            return flag(r, "failed");
        }
        return r.get("rc") instanceof Number rc && rc.longValue() != 0;
    }

    private static boolean changed(Object v, String test) {
        Map<?, ?> r = result(v, test);
        if (flag(r, "changed")) {
            return true;
        }
        if (r.get("results") instanceof List<?> items) {
            return items.stream().anyMatch(i -> i instanceof Map<?, ?> m && flag(m, "changed"));
        }
        return false;
    }

    private static boolean flag(Map<?, ?> r, String key) {
        return Py.bool(r.get(key));
    }

    private static Map<?, ?> result(Object v, String test) {
        if (v instanceof Map<?, ?> m) {
            return m;
        }
        throw new FilterFailure("the '" + test + "' test expects a registered result (a dict), got " + Py.typeName(v));
    }
}

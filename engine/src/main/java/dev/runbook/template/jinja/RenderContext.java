package dev.runbook.template.jinja;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import dev.runbook.diag.Suggestions;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The root scope of one evaluation. Jinjava's contexts record every resolved expression in all
 * their parents, up to the shared global context; that would be a data race between threads and
 * a memory leak, so the recording stops here.
 */
final class RenderContext extends Context {
    private final RenderState state;

    RenderContext(Context global, RenderState state) {
        super(global);
        this.state = state;
        setDynamicVariableResolver(state::resolve);
    }

    RenderState state() {
        return state;
    }

    /** The state of the evaluation running on this thread, or null outside one. */
    static RenderState current() {
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        if (interpreter == null) {
            return null;
        }
        for (Context c = interpreter.getContext(); c != null; c = c.getParent()) {
            if (c instanceof RenderContext rc) {
                return rc.state;
            }
        }
        return null;
    }

    /** An unknown filter fails when used, instead of jinjava's silent None. */
    @Override
    public Filter getFilter(String name) {
        Filter f = KnownNames.FILTERS.contains(name) ? super.getFilter(name) : null;
        if (f != null) {
            return f;
        }
        return new FilterFn(name, (v, a, k) -> {
            throw new FilterFailure("no filter named '" + name + "'" + hint(Suggestions.didYouMean(name, filterNames())));
        });
    }

    @Override
    public ExpTest getExpTest(String name) {
        ExpTest t = KnownNames.TESTS.contains(name) ? super.getExpTest(name) : null;
        if (t != null) {
            return t;
        }
        return new TestFn(name, (v, a, k) -> {
            throw new FilterFailure("no test named '" + name + "'" + hint(Suggestions.didYouMean(name, testNames())));
        });
    }

    static String hint(String didYouMean) {
        return didYouMean.isEmpty() ? "" : " (" + didYouMean + ")";
    }

    private Set<String> filterNames() {
        return getParent().getAllFilters().stream().map(Filter::getName).filter(KnownNames.FILTERS::contains)
            .collect(Collectors.toSet());
    }

    private Set<String> testNames() {
        return getParent().getAllExpTests().stream().map(ExpTest::getName).filter(KnownNames.TESTS::contains)
            .collect(Collectors.toSet());
    }

    @Override
    public void addResolvedExpression(String expression) {
    }

    @Override
    public void addResolvedValue(String value) {
    }

    @Override
    public void addResolvedFunction(String function) {
    }
}

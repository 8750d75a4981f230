package dev.runbook.template.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import jinjava.javax.el.CompositeELResolver;

/**
 * The one jinjava instance, configured like Ansible's Jinja2 environment and holding the
 * Ansible filters and tests. Building it loads a few thousand classes, so it is built on first
 * use and then shared: every evaluation gets its own context and interpreter.
 */
public final class JinjaEngine {
    private static volatile long buildMillis = -1;
    /** The longest string, and the largest output, one rendering may produce: 64 MiB. */
    static final long MAX_OUTPUT = 64L << 20;

    private final Jinjava jinjava;
    private final JinjavaConfig config;

    private JinjaEngine() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new StrictResolver());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        config = JinjavaConfig.newBuilder()
            .withElResolver(resolver)
            .withLegacyOverrides(LegacyOverrides.Builder.from(LegacyOverrides.ALL)
                .withWhitespaceRequiredWithinTokens(false).build())
            .withKeepTrailingNewline(true)
            .withTrimBlocks(true)
            .withNestedInterpretationEnabled(false)
            .withFailOnUnknownTokens(false)
            // hostile or mistaken templates ('x' * 10**9, a huge loop) fail with a message instead of exhausting memory
            .withMaxStringLength(MAX_OUTPUT)
            .withMaxOutputSize(MAX_OUTPUT)
            .withMaxListSize(1_000_000)
            .withMaxMapSize(1_000_000)
            .build();
        jinjava = new PyJinjava(config);
        // include, import and extends would read from the engine's own classpath: refuse them
        jinjava.setResourceLocator((name, charset, interpreter) -> {
            throw new ResourceNotFoundException("templates cannot include other files ('" + name + "')");
        });
        AnsibleLibrary.registerAll(jinjava);
    }

    private static final class Holder {
        static final JinjaEngine INSTANCE = build();

        private static JinjaEngine build() {
            long start = System.nanoTime();
            JinjaEngine engine = new JinjaEngine();
            buildMillis = (System.nanoTime() - start) / 1_000_000;
            return engine;
        }
    }

    public static JinjaEngine get() {
        return Holder.INSTANCE;
    }

    /** How long building the engine took, or -1 before it was built. */
    public static long buildMillis() {
        return buildMillis;
    }

    /** What one evaluation produced: a value, jinjava's errors, and the first misused undefined. */
    public record Outcome(Object value, List<TemplateError> errors, Undefined undefined) {
    }

    /** Evaluates a bare expression ({@code x | default(1)}) to its value. */
    public Outcome evaluate(String expression, RenderState state) {
        return run(state, interpreter -> interpreter.resolveELExpression(PyLiterals.expression(expression), 1));
    }

    /** Renders a whole template text to a string. */
    public Outcome render(String template, RenderState state) {
        return run(state, interpreter -> {
            UnsupportedTags.check(template);
            return interpreter.render(PyLiterals.template(template));
        });
    }

    private Outcome run(RenderState state, Function<JinjavaInterpreter, Object> body) {
        RenderContext context = new RenderContext(jinjava.getGlobalContext(), state);
        JinjavaInterpreter interpreter = new PyInterpreter(jinjava, context, config);
        JinjavaInterpreter.pushCurrent(interpreter);
        Object value = null;
        List<TemplateError> errors = new ArrayList<>();
        try {
            value = body.apply(interpreter);
        } catch (RuntimeException e) {
            // syntax errors of tags and failures of filters inside tags arrive as exceptions
            errors.add(TemplateError.fromException(e));
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        errors.addAll(0, interpreter.getErrorsCopy());
        return new Outcome(value, errors, state.firstUnconsumed());
    }
}

package dev.runbook.testing;

import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.OutputSink;
import dev.runbook.facts.HostFacts;
import dev.runbook.modules.Args;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ModuleContext for module tests: a real (or fake) connection, variables, check mode and the
 * controller directory are set by the test. Templates render by plain {{ name }} substitution
 * unless a renderer is given (module tests should not depend on the engine).
 */
public final class TestModuleContext implements ModuleContext {
    public interface Renderer {
        String render(String template, Map<String, Object> vars) throws ModuleException;
    }

    /** Opens a new connection for {@link #reconnect}. */
    public interface Reconnector {
        Connection open() throws ConnectionException, InterruptedException;
    }

    private Connection connection;
    private Reconnector reconnector;
    private java.util.function.Function<String, java.util.Optional<String>> prompter = q -> java.util.Optional.empty();
    private final Map<String, Object> vars = new LinkedHashMap<>();
    private boolean checkMode;
    private boolean diff = true;
    private Path controllerDir = Path.of(".").toAbsolutePath();
    private Duration timeout = Duration.ZERO;
    private Renderer renderer = TestModuleContext::substitute;
    private Map<String, Object> facts;
    private final Map<Class<?>, Object> shared = new java.util.concurrent.ConcurrentHashMap<>();

    public TestModuleContext(Connection connection) {
        this.connection = connection;
    }

    public TestModuleContext checkMode(boolean on) {
        this.checkMode = on;
        return this;
    }

    public TestModuleContext var(String name, Object value) {
        vars.put(name, value);
        return this;
    }

    public TestModuleContext controllerDir(Path dir) {
        this.controllerDir = dir;
        return this;
    }

    public TestModuleContext timeout(Duration t) {
        this.timeout = t;
        return this;
    }

    public TestModuleContext renderer(Renderer r) {
        this.renderer = r;
        return this;
    }

    /** reconnect() opens a new connection with this, and the context uses it from then on. */
    public TestModuleContext reconnector(Reconnector r) {
        this.reconnector = r;
        return this;
    }

    /** Answers prompt(question) (no terminal by default: empty). */
    public TestModuleContext prompter(java.util.function.Function<String, java.util.Optional<String>> p) {
        this.prompter = p;
        return this;
    }

    @Override
    public java.util.Optional<String> prompt(String question, boolean echo) {
        return prompter.apply(question);
    }

    public TestModuleContext facts(Map<String, Object> f) {
        this.facts = f;
        return this;
    }

    /** Binds raw arguments to the module's spec, failing the test on any problem. */
    public static Args args(Module module, Map<String, Object> raw) {
        Args.Bound bound = Args.bind(module.spec(), raw);
        if (!bound.ok()) {
            throw new AssertionError("bad test arguments: " + bound.problems());
        }
        return bound.args();
    }

    @Override
    public String host() {
        return connection.host();
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public Map<String, Object> vars() {
        return vars;
    }

    @Override
    public boolean checkMode() {
        return checkMode;
    }

    @Override
    public boolean diff() {
        return diff;
    }

    @Override
    public Path controllerPath(String path) {
        return controllerDir.resolve(path);
    }

    @Override
    public String render(String template) throws ModuleException {
        return renderer.render(template, vars);
    }

    /** Shared by every module call made with this context, as by the tasks of one step. */
    @Override
    public <T> T stepShared(Class<T> type, java.util.function.Supplier<T> create) {
        return type.cast(shared.computeIfAbsent(type, t -> create.get()));
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public OutputSink sink() {
        return OutputSink.NONE;
    }

    /** The test's connection stands for the new one too (a local "host" is always back at once), unless a reconnector is set. */
    @Override
    public Connection reconnect() throws ConnectionException, InterruptedException {
        if (reconnector != null) {
            connection = reconnector.open();
        }
        return connection;
    }

    @Override
    public Map<String, Object> facts() throws ConnectionException, InterruptedException {
        if (facts == null) {
            facts = HostFacts.gather(connection);
        }
        return facts;
    }

    private static String substitute(String template, Map<String, Object> vars) {
        String out = template;
        for (Map.Entry<String, Object> e : vars.entrySet()) {
            out = out.replaceAll("\\{\\{\\s*" + java.util.regex.Pattern.quote(e.getKey()) + "\\s*}}",
                    java.util.regex.Matcher.quoteReplacement(String.valueOf(e.getValue())));
        }
        return out;
    }
}

package dev.runbook.exec;

import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.OutputSink;
import dev.runbook.diag.SourceSpan;
import dev.runbook.model.Expr;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.template.SearchPath;
import dev.runbook.template.TemplateException;
import dev.runbook.diag.UserInputException;
import dev.runbook.vault.Vault;
import dev.runbook.vault.VaultEnvelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Duration;
import java.util.Map;

/** The engine's {@link ModuleContext}: one task on one host. */
final class TaskContext implements ModuleContext {
    private final RunContext run;
    private final HostState host;
    private final Scope scope;
    private final TaskSettings settings;
    private final StepShared shared;

    TaskContext(RunContext run, HostState host, Scope scope, TaskSettings settings, StepShared shared) {
        this.run = run;
        this.host = host;
        this.scope = scope;
        this.settings = settings;
        this.shared = shared;
    }

    @Override
    public String host() {
        return host.name();
    }

    @Override
    public Connection connection() {
        try {
            return settings.become().wrap(host.connection(settings.checkMode()));
        } catch (ConnectionException e) {
            throw new Unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable(new ConnectionException(ConnectionException.Cause.OTHER, "interrupted"));
        }
    }

    @Override
    public Connection reconnect() throws ConnectionException, InterruptedException {
        return settings.become().wrap(host.reconnect());
    }

    /** Carries a failure to open the connection out of {@link #connection()}, which cannot throw it. */
    static final class Unreachable extends RuntimeException {
        final ConnectionException cause;

        Unreachable(ConnectionException cause) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
        }
    }

    /**
     * Plan mode: a template a module rendered (a template file, debug's var) read a value known
     * only when applying; the task is unknown, not failed.
     */
    static final class UnknownValue extends RuntimeException {
        final String name;

        UnknownValue(String name) {
            super(name, null, false, false);
            this.name = name;
        }
    }

    @Override
    public Map<String, Object> vars() {
        return scope.vars();
    }

    @Override
    public boolean checkMode() {
        return settings.checkMode();
    }

    @Override
    public boolean diff() {
        return run.diff();
    }

    @Override
    public Path controllerPath(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : run.baseDir().resolve(p).normalize();
    }

    @Override
    public Path controllerFile(String path, String subdir) {
        return SearchPath.find(SearchPath.of(vars()), subdir, path).orElseGet(() -> controllerPath(path));
    }

    @Override
    public Optional<byte[]> decryptedControllerFile(Path file) throws ModuleException {
        try {
            if (!Files.isRegularFile(file) || !VaultEnvelope.isEncrypted(Files.readAllBytes(file))) {
                return Optional.empty();
            }
            Vault vault = run.request().vault();
            byte[] plain = vault.decrypt(Files.readString(file, StandardCharsets.US_ASCII), SourceSpan.of(file.toString(), 0, 0));
            vault.rememberText(new String(plain, StandardCharsets.UTF_8));
            return Optional.of(plain);
        } catch (IOException e) {
            throw new ModuleException("cannot read " + file + " on the controller: " + e.getMessage(), e);
        } catch (UserInputException e) {
            throw new ModuleException(e.diagnostics().all().get(0).oneLine(), e);
        }
    }

    @Override
    public String render(String template) throws ModuleException {
        try {
            return run.templater().renderText(template, vars(), settings.where());
        } catch (TemplateException e) {
            throw problem(e);
        }
    }

    @Override
    public boolean test(String expression) throws ModuleException {
        try {
            return run.templater().test(new Expr(expression, settings.where()), vars());
        } catch (TemplateException e) {
            throw problem(e);
        }
    }

    @Override
    public Object evaluate(String expression) throws ModuleException {
        try {
            return run.templater().evaluate(new Expr(expression, settings.where()), vars());
        } catch (TemplateException e) {
            throw problem(e);
        }
    }

    private ModuleException problem(TemplateException e) {
        String unknown = settings.checkMode() ? scope.unknownCause(e) : null;
        if (unknown != null) {
            throw new UnknownValue(unknown);
        }
        return new ModuleException(e.getMessage());
    }

    @Override
    public <T> T stepShared(Class<T> type, java.util.function.Supplier<T> create) {
        return shared.get(type, create);
    }

    /** Hosts run in parallel: one question on the terminal at a time. */
    private static final Object TERMINAL = new Object();

    @Override
    public Optional<String> prompt(String question, boolean echo) {
        java.io.Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        synchronized (TERMINAL) {
            if (echo) {
                return Optional.ofNullable(console.readLine("%s", question));
            }
            char[] answer = console.readPassword("%s", question);
            return Optional.ofNullable(answer == null ? null : new String(answer));
        }
    }

    @Override
    public Duration timeout() {
        return settings.timeout();
    }

    @Override
    public OutputSink sink() {
        return settings.sink();
    }

    @Override
    public Map<String, Object> facts() throws ConnectionException, InterruptedException {
        return host.gatheredFacts();
    }
}

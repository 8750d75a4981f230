package dev.runbook.modules;

import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.OutputSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a module sees while it runs on one host. The connection already applies become and, in
 * plan mode, refuses anything not read-only.
 */
public interface ModuleContext {

    /** The inventory host name. */
    String host();

    Connection connection();

    /** All variables visible to this task (facts, registered results, host and runbook vars). */
    Map<String, Object> vars();

    /** True in plan / dry-run: only {@link Module#check} is called. */
    boolean checkMode();

    /** True when the user asked for content diffs. */
    boolean diff();

    /** Resolves a controller-side path (a {@code src:}) against the runbook's directory. */
    Path controllerPath(String path);

    /**
     * Finds a controller-side file ({@code src:} of copy or template) as Ansible does: in the
     * task's role ({@code subdir} first, {@code files} or {@code templates}, then the role itself),
     * then in the runbook's directory ({@code subdir}, then the directory). When it exists nowhere,
     * the path relative to the runbook's directory (for the error message).
     */
    default Path controllerFile(String path, String subdir) {
        if (!Path.of(path).isAbsolute() && !path.split("/")[0].equals(subdir)) {
            Path inSubdir = controllerPath(subdir + "/" + path);
            if (java.nio.file.Files.exists(inSubdir)) {
                return inSubdir;
            }
        }
        return controllerPath(path);
    }

    /**
     * The decrypted content of a controller file encrypted with Ansible Vault, or empty when the
     * file is not encrypted (as copy and template treat their src; the content is secret from
     * then on). A wrong or missing vault password is the module's failure.
     */
    default java.util.Optional<byte[]> decryptedControllerFile(Path file) throws ModuleException {
        return java.util.Optional.empty();
    }

    /**
     * Asks the person running runbook a question on the terminal and returns the answer (pause's
     * prompt); empty when runbook is not attached to a terminal, as in CI. One question at a time.
     */
    default java.util.Optional<String> prompt(String question, boolean echo) {
        return java.util.Optional.empty();
    }

    /** Renders a Jinja2 template text with this task's variables (for the template module). */
    String render(String template) throws ModuleException;

    /** The task's timeout, or {@link Duration#ZERO} for none. */
    Duration timeout();

    /**
     * The task's output: what {@link #stream} sends there is recorded as the task's output (journal,
     * {@code runbook show}, reports) and shown with {@code -v}.
     */
    OutputSink sink();

    /**
     * Closes this host's connection and opens a new one (after the host rebooted, say), returned
     * with this task's become applied. Other steps of the host running at the same time lose
     * their connection, as they would in a real reboot. Throws when the host cannot be reached
     * yet; callers retry with a deadline.
     */
    default Connection reconnect() throws ConnectionException, InterruptedException {
        throw new ConnectionException(ConnectionException.Cause.OTHER, "this connection cannot be reopened");
    }

    /** Facts gathered once per host on demand (os family, package manager, ...). */
    Map<String, Object> facts() throws ConnectionException, InterruptedException;

    /**
     * An object shared by the tasks of one step on this host (the http module's cookie jar),
     * created on first use and forgotten when the step ends. Keyed by type. This default shares
     * nothing: each call creates a new one.
     */
    default <T> T stepShared(Class<T> type, Supplier<T> create) {
        return create.get();
    }

    /**
     * Runs one of the module's own commands (a probe, a protocol step, a change it makes) with this
     * task's timeout. Its output is the module's to read, not the task's output: it is not
     * recorded (use {@link #stream} for the command the user asked for).
     */
    default CommandResult run(CommandRequest request) throws ConnectionException, InterruptedException {
        return connection().run(withTimeout(request));
    }

    /**
     * Runs the command whose output is the user's (command, shell, script, raw; a package
     * manager's install) with this task's timeout, its lines streamed to the task's output
     * {@link #sink} as they arrive (unless the request brings its own sink).
     */
    default CommandResult stream(CommandRequest request) throws ConnectionException, InterruptedException {
        CommandRequest r = withTimeout(request);
        return connection().run(r.sink() == OutputSink.NONE ? r.withSink(sink()) : r);
    }

    private CommandRequest withTimeout(CommandRequest request) {
        return request.timeout().isZero() && !timeout().isZero() ? request.withTimeout(timeout()) : request;
    }

    /**
     * Evaluates a Jinja2 condition with this task's variables ({@code assert}'s {@code that}).
     * The engine's context uses the templater's truthiness; this default renders and reads the text.
     */
    default boolean test(String expression) throws ModuleException {
        String out = render("{{ (" + expression + ") }}").strip();
        return !(out.isEmpty() || out.equalsIgnoreCase("false") || out.equals("0") || out.equals("None")
                || out.equals("[]") || out.equals("{}"));
    }

    /** Evaluates a Jinja2 expression to its value ({@code debug}'s {@code var}). */
    default Object evaluate(String expression) throws ModuleException {
        return render("{{ " + expression + " }}");
    }
}

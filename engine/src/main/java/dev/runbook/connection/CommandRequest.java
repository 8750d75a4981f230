package dev.runbook.connection;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One command to run on a host.
 *
 * @param command  what to run
 * @param stdin    bytes fed to the command's standard input, then closed (empty: nothing)
 * @param env      extra environment variables
 * @param cwd      working directory, or null for the connection's default
 * @param timeout  after this the whole process tree is killed; {@link Duration#ZERO} = none
 * @param readOnly the caller promises this command changes nothing; in plan mode only
 *                 read-only commands are allowed through
 * @param sink     receives output as it arrives (for long commands), may be {@link OutputSink#NONE}
 */
public record CommandRequest(Command command, byte[] stdin, Map<String, String> env, String cwd,
                             Duration timeout, boolean readOnly, OutputSink sink) {
    public CommandRequest {
        Objects.requireNonNull(command, "command");
        stdin = stdin == null ? new byte[0] : stdin.clone();
        env = env == null ? Map.of() : Map.copyOf(env);
        timeout = timeout == null ? Duration.ZERO : timeout;
        sink = sink == null ? OutputSink.NONE : sink;
    }

    public static CommandRequest of(Command command) {
        return new CommandRequest(command, null, null, null, null, false, null);
    }

    public static CommandRequest readOnly(Command command) {
        return new CommandRequest(command, null, null, null, null, true, null);
    }

    public CommandRequest withStdin(byte[] bytes) {
        return new CommandRequest(command, bytes, env, cwd, timeout, readOnly, sink);
    }

    public CommandRequest withCommand(Command other) {
        return new CommandRequest(other, stdin, env, cwd, timeout, readOnly, sink);
    }

    public CommandRequest withTimeout(Duration t) {
        return new CommandRequest(command, stdin, env, cwd, t, readOnly, sink);
    }

    public CommandRequest withCwd(String dir) {
        return new CommandRequest(command, stdin, env, dir, timeout, readOnly, sink);
    }

    public CommandRequest withEnv(Map<String, String> vars) {
        return new CommandRequest(command, stdin, vars, cwd, timeout, readOnly, sink);
    }

    public CommandRequest withSink(OutputSink s) {
        return new CommandRequest(command, stdin, env, cwd, timeout, readOnly, s);
    }

    @Override
    public byte[] stdin() {
        return stdin.clone();
    }
}

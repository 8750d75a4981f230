package dev.runbook.modules.system;

import dev.runbook.modules.Resource;
import dev.runbook.modules.Footprint;
import static dev.runbook.modules.system.Checks.ensureValid;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Waits on the target for a port, a file (optionally with content matching a regex) or a URL.
 * Every probe is one read-only command run on the target, so it sees what the target sees
 * (a port bound to the target's loopback, a file on its disk). Changes nothing.
 */
public final class WaitFor implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("wait_for",
            "Wait until a port is open or closed, a file exists or is gone (or contains a match), or a URL "
                    + "answers with 2xx/3xx. Probes run on the target. Never changes anything.",
            List.of(
                    ArgSpec.optional("port", ArgType.INT, null, "A TCP port to wait for."),
                    ArgSpec.optional("host", ArgType.STRING, "127.0.0.1", "The address whose port is probed, as seen from the target."),
                    ArgSpec.optional("path", ArgType.STRING, null, "A file on the target to wait for."),
                    ArgSpec.optional("search_regex", ArgType.STRING, null,
                            "With path: wait until the file has a line matching this extended regular expression (grep -E)."),
                    ArgSpec.optional("url", ArgType.STRING, null, "A URL fetched from the target with curl; healthy is HTTP 2xx or 3xx."),
                    ArgSpec.optional("state", ArgType.STRING, "started",
                            "started/stopped for a port or URL; present/absent for a path (started/stopped also accepted there).")
                            .withChoices("started", "stopped", "present", "absent"),
                    ArgSpec.optional("timeout", ArgType.DURATION, 300, "Give up (and fail) after this long."),
                    ArgSpec.optional("delay", ArgType.DURATION, 0, "Wait this long before the first probe."),
                    ArgSpec.optional("sleep", ArgType.DURATION, 1, "Time between probes.")),
            false, """
            wait_for:
              port: 8080
              timeout: 2m
            """);

    @Override
    public Footprint footprint(Args args) {
        return Footprint.readsOnly(args.has("path") ? Resource.path(args.string("path")) : Resource.anything());
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        List<String> problems = new ArrayList<>();
        int targets = (args.has("port") ? 1 : 0) + (args.has("path") ? 1 : 0) + (args.has("url") ? 1 : 0);
        if (targets != 1) {
            problems.add("wait_for needs exactly one of port, path or url");
        }
        String state = args.string("state");
        if ((args.has("port") || args.has("url")) && (state.equals("present") || state.equals("absent"))) {
            problems.add("state '" + state + "' is for a path; use started or stopped for a port or url");
        }
        if (args.has("url") && state.equals("stopped")) {
            problems.add("a url can only be waited for until it is healthy (state: started)");
        }
        if (args.has("search_regex") && !args.has("path")) {
            problems.add("search_regex needs path (the file to search)");
        }
        if (args.has("search_regex") && (state.equals("absent") || state.equals("stopped"))) {
            problems.add("search_regex waits for a match to appear; it cannot be combined with state '" + state + "'");
        }
        return problems;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ensureValid(this, args);
        Condition c = Condition.from(args);
        if (probe(ctx, c)) {
            return Change.none(c.holds()).withResult(Map.of("changed", false, "elapsed", 0L));
        }
        return Change.unknown("would wait up to " + seconds(args.duration("timeout")) + " for " + c.describe());
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ensureValid(this, args);
        Condition c = Condition.from(args);
        long start = System.nanoTime();
        Thread.sleep(args.duration("delay").toMillis());
        long deadline = start + args.duration("timeout").toNanos();
        long pause = Math.max(10, args.duration("sleep").toMillis());
        while (!probe(ctx, c)) {
            if (System.nanoTime() >= deadline) {
                throw new ModuleException("timed out after " + seconds(args.duration("timeout")) + " waiting for " + c.describe());
            }
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
            Thread.sleep(Math.min(pause, left)); // the poll interval asked for, never past the deadline
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("elapsed", elapsed);
        return ModuleResult.ok(c.holds()).withData(data);
    }

    private static boolean probe(ModuleContext ctx, Condition c) throws ModuleException, ConnectionException, InterruptedException {
        CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell(c.script())).withTimeout(Duration.ofSeconds(30)));
        if (r.exitCode() == 127) {
            throw new ModuleException("cannot probe " + c.describe() + " on " + ctx.host() + ": " + r.stderr().strip());
        }
        return r.exitCode() == 0;
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    /** What is waited for, and the shell that exits 0 exactly when it holds. */
    record Condition(String kind, String target, String host, String regex, boolean positive) {
        static Condition from(Args args) {
            String state = args.string("state");
            boolean positive = state.equals("started") || state.equals("present");
            if (args.has("port")) {
                return new Condition("port", String.valueOf(args.integer("port")), args.string("host"), null, positive);
            }
            if (args.has("path")) {
                return new Condition("path", args.string("path"), null, args.string("search_regex"), positive);
            }
            return new Condition("url", args.string("url"), null, null, true);
        }

        String describe() {
            return switch (kind) {
                case "port" -> "port " + target + " on " + host + (positive ? " to be open" : " to be closed");
                case "path" -> regex != null ? "/" + regex + "/ in " + target
                        : target + (positive ? " to exist" : " to be gone");
                default -> target + " to answer 2xx/3xx";
            };
        }

        /** The condition as a fact, once it holds. */
        String holds() {
            return switch (kind) {
                case "port" -> "port " + target + " on " + host + (positive ? " is open" : " is closed");
                case "path" -> regex != null ? "/" + regex + "/ found in " + target
                        : target + (positive ? " exists" : " is gone");
                default -> target + " answers 2xx/3xx";
            };
        }

        String script() {
            String probe = switch (kind) {
                case "port" -> portProbe();
                case "path" -> regex != null
                        ? "grep -Eq -- " + ShellQuote.quote(regex) + " " + ShellQuote.quote(target) + " 2>/dev/null"
                        : "test -e " + ShellQuote.quote(target);
                default -> urlProbe();
            };
            return positive ? probe : "if " + probe + "; then exit 1; else exit 0; fi";
        }

        /** bash's /dev/tcp where bash exists (everywhere but minimal images), else nc. */
        private String portProbe() {
            String h = ShellQuote.quote(host);
            return "if command -v bash >/dev/null 2>&1; then timeout 5 bash -c 'exec 3<>\"/dev/tcp/$0/$1\"' " + h + " " + target
                    + " 2>/dev/null; elif command -v nc >/dev/null 2>&1; then nc -z -w 5 " + h + " " + target
                    + " 2>/dev/null; else echo 'neither bash nor nc is installed' >&2; exit 127; fi";
        }

        private String urlProbe() {
            return "command -v curl >/dev/null 2>&1 || { echo 'curl is not installed' >&2; exit 127; }; "
                    + "code=$(curl -sk -o /dev/null -w '%{http_code}' --max-time 10 " + ShellQuote.quote(target)
                    + " 2>/dev/null); case \"$code\" in 2??|3??) exit 0;; *) exit 1;; esac";
        }
    }

    @Override
    public boolean isReadOnly(java.util.Map<String, Object> args) {
        return true;
    }
}

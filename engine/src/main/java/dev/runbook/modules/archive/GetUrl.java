package dev.runbook.modules.archive;

import dev.runbook.modules.Resource;
import dev.runbook.modules.Footprint;
import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.FileAttrs;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Downloads a URL to a file on the target, by the target (curl or wget) or by the controller
 * (cached, then uploaded). Idempotent by checksum: a dest whose sha256 matches is left alone; with
 * no checksum an existing dest is kept unless force. A download whose checksum does not match is
 * deleted and the task fails, showing both digests.
 */
public final class GetUrl implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("get_url",
            "Download a file over HTTP(S) to the target, verified by sha256. The target downloads it with curl or "
                    + "wget, or the controller downloads it once (cached) and uploads it with from: controller.",
            List.of(
                    ArgSpec.required("url", ArgType.STRING, "http:// or https:// URL."),
                    ArgSpec.required("dest", ArgType.STRING, "File on the target; a directory gets the URL's file name."),
                    ArgSpec.optional("checksum", ArgType.STRING, null, "'sha256:HEX'. Verified after the download; "
                            + "a matching dest is not downloaded again."),
                    ArgSpec.optional("mode", ArgType.MODE, null, "Octal mode of dest (default: kept, or 0644 for a new file)."),
                    ArgSpec.optional("owner", ArgType.STRING, null, "Owner of dest."),
                    ArgSpec.optional("group", ArgType.STRING, null, "Group of dest."),
                    ArgSpec.optional("force", ArgType.BOOL, false, "Without checksum: download even when dest exists "
                            + "(it is replaced only when the content differs)."),
                    ArgSpec.optional("timeout", ArgType.DURATION, "60s", "Time limit for the download."),
                    ArgSpec.optional("headers", ArgType.MAP, null, "Extra request headers; kept off command lines.")
                            .asSecret(),
                    ArgSpec.optional("from", ArgType.STRING, "target", "Who downloads: target (curl or wget there) or "
                            + "controller (cached in ~/.cache/runbook/downloads, then uploaded).")
                            .withChoices("target", "controller")),
            false, """
            get_url:
              url: https://github.com/opencart/opencart/releases/download/4.0.2.3/opencart-4.0.2.3.zip
              dest: /var/tmp/opencart-4.0.2.3.zip
              checksum: "sha256:{{ opencart_sha256 }}"
            """);

    private final Downloads downloads;
    private final List<String> tools;

    public GetUrl() {
        this(new Downloads(Downloads.defaultDir()), List.of("curl", "wget"));
    }

    /** A cache directory and the download programs to look for on the target, in order of preference. */
    GetUrl(Downloads downloads, List<String> tools) {
        this.downloads = downloads;
        this.tools = List.copyOf(tools);
    }

    @Override
    public Footprint footprint(Args args) {
        return Footprint.on(Resource.path(args.string("dest")));
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        List<String> problems = new ArrayList<>();
        String url = args.string("url");
        if (url != null && !url.matches("(?i)https?://.+")) {
            problems.add("url must start with http:// or https://, got '" + url + "'");
        }
        if (args.has("checksum") && expected(args) == null) {
            problems.add("checksum must be 'sha256:' followed by 64 hex digits, got '" + args.string("checksum") + "'");
        }
        if (args.has("mode") && args.mode("mode") == null) {
            problems.add("get_url's mode must be octal, such as '0644'; got '" + args.string("mode") + "'");
        }
        return problems;
    }

    /** What the probe saw at dest; {@code path} is the resolved file (dest, or dest/NAME for a directory). */
    record Dest(String path, String kind, int mode, String owner, String group, String sha256) {
        boolean exists() {
            return kind.equals("file");
        }
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        checkArgs(args);
        Dest d = probe(ctx, args);
        String url = args.string("url");
        if (needsFetch(d, args) && !"controller".equals(args.string("from"))) {
            TargetDownload.tool(ctx, tools); // a plan that promises a download the target cannot make is no plan
        }
        if (!d.exists()) {
            return Change.of(ChangeKind.CREATE, "would download " + url + " to " + d.path()).withProbe("missing");
        }
        String expected = expected(args);
        if (expected != null && !expected.equals(d.sha256())) {
            return Change.of(ChangeKind.CHANGE, "would download " + url + " to " + d.path() + ": its sha256 is "
                    + d.sha256() + ", expected " + expected).withProbe(d.sha256());
        }
        if (expected == null && args.bool("force")) {
            return Change.unknown("would download " + url + " again and replace " + d.path() + " if it differs");
        }
        List<String> attrs = attrChanges(d, args);
        if (!attrs.isEmpty()) {
            return Change.of(ChangeKind.CHANGE, "would set " + String.join(", ", attrs) + " on " + d.path()).withProbe(d.sha256());
        }
        return Change.none(d.path() + " is present" + (expected != null ? " with the expected sha256" : ""))
                .withResult(Map.of("changed", false, "dest", d.path(), "sha256", d.sha256())).withProbe(d.sha256());
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        checkArgs(args);
        Dest d = probe(ctx, args);
        if (!needsFetch(d, args)) {
            return fixAttrs(ctx, d, args);
        }
        String sha = "controller".equals(args.string("from")) ? viaController(ctx, args, d) : viaTarget(ctx, args, d);
        if (sha == null) {
            return fixAttrs(ctx, d, args);
        }
        return new ModuleResult(true, false, "downloaded " + args.string("url") + " to " + d.path(),
                data(d.path(), sha, true), null);
    }

    private static boolean needsFetch(Dest d, Args args) {
        String expected = expected(args);
        return !d.exists() || (expected != null ? !expected.equals(d.sha256()) : args.bool("force"));
    }

    /** Returns the new file's sha256, or null when the download equals the existing dest. */
    private String viaTarget(ModuleContext ctx, Args args, Dest d) throws ModuleException, ConnectionException, InterruptedException {
        String tool = TargetDownload.tool(ctx, tools);
        TargetDownload.Fetched f = TargetDownload.fetch(ctx, tool, args.string("url"), args.map("headers"),
                args.duration("timeout"), d.path());
        String t = ShellQuote.quote(f.tmp());
        String expected = expected(args);
        if ((expected != null && !expected.equals(f.sha256())) || f.sha256().equals(d.sha256())) {
            TargetOps.run(ctx, "rm -f -- " + t, new byte[0], "removing " + f.tmp());
            if (expected != null && !expected.equals(f.sha256())) {
                throw new ModuleException(mismatch(args.string("url"), expected, f.sha256()));
            }
            return null;
        }
        int mode = args.mode("mode") != null ? args.mode("mode") : d.exists() ? d.mode() : 0644;
        StringBuilder s = new StringBuilder("chmod " + Integer.toOctalString(mode) + " " + t);
        String spec = ownerSpec(args);
        if (spec != null) {
            s.append(" && chown ").append(ShellQuote.quote(spec)).append(' ').append(t);
        }
        s.append(" && mv -f -- ").append(t).append(' ').append(ShellQuote.quote(d.path()))
                .append(" || { rc=$?; rm -f -- ").append(t).append("; exit $rc; }");
        TargetOps.run(ctx, s.toString(), new byte[0], "installing " + d.path());
        return f.sha256();
    }

    private String viaController(ModuleContext ctx, Args args, Dest d) throws ModuleException, ConnectionException {
        Path file = downloads.fetch(args.string("url"), args.map("headers"), args.duration("timeout"), expected(args));
        try {
            String sha = Downloads.hash(file);
            if (sha.equals(d.sha256())) {
                return null;
            }
            int mode = args.mode("mode") != null ? args.mode("mode") : d.exists() ? d.mode() : 0644;
            try (InputStream in = Files.newInputStream(file)) {
                ctx.connection().upload(in, d.path(), new FileAttrs(mode, args.string("owner"), args.string("group")));
            }
            return sha;
        } catch (IOException e) {
            throw new ModuleException("cannot upload " + args.string("url") + " to " + d.path() + " on " + ctx.host()
                    + ": " + e.getMessage(), e);
        }
    }

    private ModuleResult fixAttrs(ModuleContext ctx, Dest d, Args args) throws ModuleException, ConnectionException, InterruptedException {
        List<String> attrs = attrChanges(d, args);
        if (attrs.isEmpty()) {
            return new ModuleResult(false, false, d.path() + " is up to date", data(d.path(), d.sha256(), false), null);
        }
        String p = ShellQuote.quote(d.path());
        String s = args.mode("mode") != null ? "chmod " + Integer.toOctalString(args.mode("mode")) + " " + p : "true";
        String spec = ownerSpec(args);
        s += spec == null ? "" : " && chown " + ShellQuote.quote(spec) + " " + p;
        TargetOps.run(ctx, s, new byte[0], "setting " + String.join(", ", attrs) + " on " + d.path());
        return new ModuleResult(true, false, "set " + String.join(", ", attrs) + " on " + d.path(), data(d.path(), d.sha256(), true), null);
    }

    private static List<String> attrChanges(Dest d, Args args) {
        List<String> out = new ArrayList<>();
        Integer mode = args.mode("mode");
        if (mode != null && (d.mode() & 07777) != mode) {
            out.add("mode " + String.format("%04o", mode));
        }
        if (args.has("owner") && !args.string("owner").equals(d.owner())) {
            out.add("owner " + args.string("owner"));
        }
        if (args.has("group") && !args.string("group").equals(d.group())) {
            out.add("group " + args.string("group"));
        }
        return out;
    }

    private static Dest probe(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String name = urlFileName(args.string("url"));
        String script = "d=" + ShellQuote.quote(args.string("dest")) + "\n"
                + "if [ -d \"$d\" ]; then d=\"${d%/}/\"" + ShellQuote.quote(name) + "; fi\n"
                + "printf '%s\\0' \"$d\"\n"
                + "if [ -f \"$d\" ]; then printf 'file %s ' \"$(stat -L -c '%a %U %G' -- \"$d\")\"; sha256sum < \"$d\" | cut -d' ' -f1;\n"
                + "elif [ -d \"$d\" ]; then echo dir; elif [ -e \"$d\" ]; then echo other; else echo missing; fi";
        CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell(script)));
        String[] parts = r.stdout().split("\0", 2);
        if (!r.ok() || parts.length < 2) {
            throw new ModuleException("cannot inspect " + args.string("dest") + " on " + ctx.host() + ": " + r.stderr().strip());
        }
        String[] f = parts[1].strip().split(" ");
        if (f[0].equals("dir") || f[0].equals("other")) {
            throw new ModuleException(parts[0] + " on " + ctx.host() + " is not a regular file"
                    + (name.isEmpty() ? " (the URL has no file name to put in a directory; give dest a file name)" : ""));
        }
        if (f[0].equals("missing") || f.length < 5) {
            return new Dest(parts[0], "missing", -1, null, null, null);
        }
        return new Dest(parts[0], "file", Integer.parseInt(f[1], 8), f[2], f[3], f[4]);
    }

    static String urlFileName(String url) {
        String path = url.replaceFirst("^[a-zA-Z]+://[^/]*", "").replaceFirst("[?#].*$", "");
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private void checkArgs(Args args) throws ModuleException {
        List<String> problems = validate(args);
        if (!problems.isEmpty()) {
            throw new ModuleException(String.join("; ", problems));
        }
    }

    /** The expected sha256 in lower case, or null when none was given or it is malformed. */
    static String expected(Args args) {
        String c = args.string("checksum");
        if (c == null) {
            return null;
        }
        String v = c.strip().toLowerCase(Locale.ROOT);
        return v.matches("sha256:[0-9a-f]{64}") ? v.substring(7) : null;
    }

    static String mismatch(String url, String expected, String actual) {
        return "checksum mismatch for " + url + ": expected sha256:" + expected + ", got sha256:" + actual
                + "; the downloaded file was deleted";
    }

    private static String ownerSpec(Args args) {
        if (!args.has("owner") && !args.has("group")) {
            return null;
        }
        return (args.has("owner") ? args.string("owner") : "") + (args.has("group") ? ":" + args.string("group") : "");
    }

    private static Map<String, Object> data(String dest, String sha, boolean changed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("changed", changed);
        m.put("dest", dest);
        m.put("sha256", sha);
        return m;
    }
}

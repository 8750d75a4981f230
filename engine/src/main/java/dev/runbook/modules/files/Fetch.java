package dev.runbook.modules.files;

import dev.runbook.modules.Resource;
import dev.runbook.modules.Footprint;
import dev.runbook.connection.ConnectionException;
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
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's fetch: a file from the host to the controller, by default under
 * {@code dest/<host>/<src path>}. Compared by sha256, so an unchanged file is not fetched again.
 */
public final class Fetch implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("fetch",
            "Copy a file from the target to the controller, under `dest/<inventory host>/<src path>` unless `flat`. "
                    + "Plan mode compares sha256 on both sides: `+` new, `~` different, `=` already fetched.",
            List.of(
                    ArgSpec.required("src", ArgType.STRING, "The file on the target (not a directory)."),
                    ArgSpec.required("dest", ArgType.STRING, "Directory on the controller (relative to the runbook); with "
                            + "flat, the file's path, or a directory when it ends in `/`."),
                    ArgSpec.optional("flat", ArgType.BOOL, false, "Put the file at dest itself instead of dest/<host>/<src>."),
                    ArgSpec.optional("fail_on_missing", ArgType.BOOL, true, "Fail when src does not exist on the target."),
                    ArgSpec.optional("validate_checksum", ArgType.BOOL, true,
                            "Check the fetched bytes against the target's sha256 before keeping them.")),
            false, """
            fetch:
              src: /etc/nginx/nginx.conf
              dest: backups/
            """);

    @Override
    public Footprint footprint(Args args) {
        // It writes on the controller, not on the host: a kind of its own that no host path overlaps.
        return new Footprint(List.of(Resource.path(args.string("src"))), List.of(Resource.named("controller", args.string("dest"))));
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    /** What check found: where the file goes and both checksums (local null when absent). */
    record Decision(Change change, Path local, String remoteSum) {
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        try {
            return decide(ctx, args).change();
        } catch (MissingOnHost e) {
            return e.asChange();
        }
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        Decision d = decide(ctx, args);
        Map<String, Object> data = new LinkedHashMap<>(d.change().result());
        data.remove("changed");
        if (!d.change().kind().isChange()) {
            return ModuleResult.ok(d.change().summary()).withData(data);
        }
        download(ctx, args.string("src"), d.local(), args.bool("validate_checksum") ? d.remoteSum() : null);
        return new ModuleResult(true, false, "fetched " + args.string("src") + " to " + d.local(), data, null);
    }

    private Decision decide(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String src = args.string("src");
        RemoteFile remote = FileProbe.run(ctx, FileProbe.Query.of(src).withChecksum("sha256sum")).first();
        Path local = ctx.controllerPath(localPath(ctx.host(), src, args.string("dest"), args.bool("flat")));
        return decide(remote, local, localSum(local), args.bool("fail_on_missing"));
    }

    /** The decision from the remote probe and the local checksum (null: no local file). */
    static Decision decide(RemoteFile remote, Path local, String localSum, boolean failOnMissing) throws ModuleException {
        String src = remote.path();
        if (!remote.exists() || remote.stat() == null) {
            if (failOnMissing) {
                throw new MissingOnHost("the remote file does not exist: " + src + " (set fail_on_missing: false to skip it)", src);
            }
            return new Decision(Change.none(src + " does not exist on the host; nothing fetched")
                    .withResult(Map.of("changed", false, "file", src, "msg", "the remote file does not exist, not transferring")),
                    local, null);
        }
        if (remote.isDir()) {
            throw new ModuleException("remote file " + src + " is a directory; fetch works on files only");
        }
        if (!remote.isFile() || remote.checksum() == null) {
            throw new ModuleException("cannot read remote file " + src + (remote.isFile() ? " (permission denied? try become)"
                    : ": it is " + remote.describe()));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", !remote.checksum().equals(localSum));
        result.put("dest", local.toString());
        result.put("checksum", remote.checksum());
        result.put("remote_checksum", remote.checksum());
        if (remote.checksum().equals(localSum)) {
            return new Decision(new Change(ChangeKind.NONE, local + " already matches " + src, null, result, remote.checksum()),
                    local, remote.checksum());
        }
        ChangeKind kind = localSum == null ? ChangeKind.CREATE : ChangeKind.CHANGE;
        String what = (localSum == null ? "would fetch " : "would fetch changed ") + src + " (" + remote.stat().size()
                + " bytes) to " + local;
        return new Decision(new Change(kind, what, null, result, remote.checksum()), local, remote.checksum());
    }

    /** Ansible's layout: dest/host/src unless flat; with flat a dest ending in / gets src's file name. */
    static String localPath(String host, String src, String dest, boolean flat) {
        String name = src.substring(src.lastIndexOf('/') + 1);
        if (flat) {
            return dest.endsWith("/") ? dest + name : dest;
        }
        String rel = src.replaceFirst("^/+", "");
        return Copy.trim(dest) + "/" + host + "/" + rel;
    }

    private static String localSum(Path local) throws ModuleException {
        if (Files.isDirectory(local)) {
            throw new ModuleException("dest " + local + " is a directory on the controller; end dest with / or drop flat");
        }
        try {
            return Files.exists(local) ? Content.of(local).sha256() : null;
        } catch (IOException e) {
            throw new ModuleException("cannot read " + local + " on the controller: " + e.getMessage(), e);
        }
    }

    /** Downloads beside the destination, checks the checksum, then renames into place. */
    private static void download(ModuleContext ctx, String src, Path local, String expected) throws ModuleException, ConnectionException {
        Path tmp = null;
        try {
            Files.createDirectories(local.toAbsolutePath().getParent());
            tmp = Files.createTempFile(local.toAbsolutePath().getParent(), "." + local.getFileName() + ".", ".runbook-tmp");
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md)) {
                ctx.connection().download(src, out);
            }
            String got = HexFormat.of().formatHex(md.digest());
            if (expected != null && !expected.equals(got)) {
                throw new ModuleException("checksum mismatch fetching " + src + ": the host said " + expected + ", received "
                        + got + " (did the file change during the copy?)");
            }
            try {
                Files.move(tmp, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, local, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ModuleException("could not fetch " + src + " to " + local + ": " + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static void deleteQuietly(Path tmp) {
        try {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // best effort: a stray temporary file is named .runbook-tmp and harmless
        }
    }
}

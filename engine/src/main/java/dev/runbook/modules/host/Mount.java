package dev.runbook.modules.host;

import static dev.runbook.modules.system.Checks.ensureValid;

import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Footprint;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import dev.runbook.modules.Resource;
import dev.runbook.modules.files.UnifiedDiff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ansible.posix.mount: an fstab entry and whether it is mounted. See {@link MountPlan} for what
 * each state does; this class probes, plans and runs.
 */
public final class Mount implements Module {
    static final List<String> STATES = List.of("absent", "absent_from_fstab", "mounted", "present", "unmounted", "remounted",
            "ephemeral");
    private static final ModuleSpec SPEC = new ModuleSpec("mount",
            "Manage an fstab entry and mount or unmount it (ansible.posix.mount).",
            List.of(
                    ArgSpec.required("path", ArgType.STRING, "The mount point.").withAliases("name"),
                    ArgSpec.required("state", ArgType.STRING, "mounted: in fstab and mounted (the directory is made); present: in "
                            + "fstab only; unmounted: not mounted, fstab untouched; absent: unmounted, out of fstab and the "
                            + "mount point removed; absent_from_fstab: out of fstab only; remounted: mount -o remount (always a "
                            + "change); ephemeral: mounted with src/fstype/opts, fstab untouched.")
                            .withChoices(STATES.toArray(String[]::new)),
                    ArgSpec.optional("src", ArgType.STRING, null, "The device, label (LABEL=...), UUID=... or remote share; "
                            + "needed for mounted, present and ephemeral."),
                    ArgSpec.optional("fstype", ArgType.STRING, null, "The file system type (ext4, xfs, tmpfs, nfs); needed for "
                            + "mounted, present and ephemeral."),
                    ArgSpec.optional("opts", ArgType.STRING, null, "Mount options (default: defaults)."),
                    ArgSpec.optional("dump", ArgType.STRING, null, "fstab's dump field (default 0)."),
                    ArgSpec.optional("passno", ArgType.STRING, null, "fstab's pass field (default 0)."),
                    ArgSpec.optional("fstab", ArgType.STRING, null, "The fstab file (default /etc/fstab; created when missing)."),
                    ArgSpec.optional("boot", ArgType.BOOL, true, "false: not mounted at boot (noauto is added to opts)."),
                    ArgSpec.optional("backup", ArgType.BOOL, false, "Keep a timestamped copy of fstab before changing it.")),
            false, """
            mount:
              path: /var/cache/shop
              src: tmpfs
              fstype: tmpfs
              opts: size=512m,mode=0750
              state: mounted
            """);

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        String state = args.string("state");
        List<String> problems = new ArrayList<>();
        if (List.of("mounted", "present", "ephemeral").contains(state) && (!args.has("src") || !args.has("fstype"))) {
            problems.add("state " + state + " needs src and fstype");
        }
        String path = args.string("path");
        if (path != null && !path.startsWith("/") && !path.equals("none")) {
            problems.add("path '" + path + "' is not absolute");
        }
        return problems;
    }

    @Override
    public Footprint footprint(Args args) {
        return Footprint.on(Resource.path(MountPlan.Request.of(args).fstab()), Resource.path(args.string("path")),
                Resource.named("mount", args.string("path")));
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ensureValid(this, args);
        MountPlan.Request req = MountPlan.Request.of(args);
        MountPlan plan = MountPlan.decide(req, MountPlan.probe(ctx, req));
        Map<String, Object> result = result(req, plan.changed());
        if (!plan.changed()) {
            return Change.none(plan.describe(false)).withResult(result);
        }
        ChangeKind kind = req.state().startsWith("absent") ? ChangeKind.REMOVE : ChangeKind.CHANGE;
        Change c = new Change(kind, plan.describe(false), null, result, null);
        return plan.writesFstab() ? c.withDiff(UnifiedDiff.of(plan.fstabBefore(), plan.fstabAfter(), req.fstab(), req.fstab())) : c;
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ensureValid(this, args);
        MountPlan.Request req = MountPlan.Request.of(args);
        MountPlan plan = MountPlan.decide(req, MountPlan.probe(ctx, req));
        String path = ShellQuote.quote(req.path());
        if (plan.makeDir()) {
            Shell.change(ctx, "making the mount point " + req.path(), List.of("mkdir", "-p", "--", req.path()));
        }
        if (plan.writesFstab()) {
            writeFstab(ctx, req, plan.fstabAfter());
        }
        for (String step : plan.steps()) {
            switch (step) {
                case "umount" -> Shell.change(ctx, "Error unmounting " + req.path(), List.of("umount", "--", req.path()));
                case "mount" -> mount(ctx, req);
                case "remount" -> remount(ctx, req);
                case "mount-ephemeral" -> Shell.change(ctx, "Error mounting " + req.path(), List.of("mount", "-t", req.fstype(), "-o",
                        req.opts(), "--", req.src(), req.path()));
                case "remount-ephemeral" -> Shell.change(ctx, "Error remounting " + req.path(), List.of("mount", "-o",
                        "remount," + req.opts(), "--", req.path()));
                case "rmdir" -> Shell.changeScript(ctx, "Error rmdir " + req.path(), "[ ! -e " + path + " ] || rmdir -- " + path, null);
                default -> throw new IllegalStateException(step);
            }
        }
        ModuleResult r = new ModuleResult(plan.changed(), false, plan.describe(true), result(req, plan.changed()), null);
        return plan.writesFstab() ? r.withDiff(UnifiedDiff.of(plan.fstabBefore(), plan.fstabAfter(), req.fstab(), req.fstab())) : r;
    }

    private static void writeFstab(ModuleContext ctx, MountPlan.Request req, String text)
            throws ModuleException, ConnectionException, InterruptedException {
        String f = ShellQuote.quote(req.fstab());
        String backup = req.backup() ? "[ ! -e \"$f\" ] || cp -p \"$f\" \"$f.$(date +%Y-%m-%d@%H:%M:%S)~\"; " : "";
        Shell.changeScript(ctx, "writing " + req.fstab(), "f=" + f + "; mkdir -p \"$(dirname \"$f\")\" && " + backup
                + "t=$(mktemp \"$f.XXXXXX\") && cat > \"$t\" && "
                + "{ if [ -e \"$f\" ]; then chmod --reference=\"$f\" \"$t\" && chown --reference=\"$f\" \"$t\"; else chmod 0644 \"$t\"; fi; } "
                + "&& mv -f \"$t\" \"$f\" || { rm -f \"$t\"; exit 1; }", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** mount PATH from the fstab (-T for another fstab than /etc/fstab), as Ansible does. */
    private static void mount(ModuleContext ctx, MountPlan.Request req) throws ModuleException, ConnectionException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("mount"));
        if (!req.fstab().equals(MountPlan.DEFAULT_FSTAB)) {
            argv.addAll(List.of("-T", req.fstab()));
        }
        argv.addAll(List.of("--", req.path()));
        Shell.change(ctx, "Error mounting " + req.path(), argv);
    }

    /** mount -o remount; when the kernel refuses (a new source, say), unmount and mount again, as Ansible does. */
    private static void remount(ModuleContext ctx, MountPlan.Request req) throws ModuleException, ConnectionException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("mount"));
        if (!req.fstab().equals(MountPlan.DEFAULT_FSTAB)) {
            argv.addAll(List.of("-T", req.fstab()));
        }
        argv.addAll(List.of("-o", "remount", "--", req.path()));
        try {
            Shell.change(ctx, "Error remounting " + req.path(), argv);
        } catch (ModuleException refused) {
            Shell.change(ctx, "Error unmounting " + req.path(), List.of("umount", "--", req.path()));
            mount(ctx, req);
        }
    }

    /** Ansible's registered result: the changed flag and the arguments as used. */
    private static Map<String, Object> result(MountPlan.Request req, boolean changed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("changed", changed);
        m.put("name", req.path());
        if (req.src() != null) {
            m.put("src", req.src());
        }
        if (req.fstype() != null) {
            m.put("fstype", req.fstype());
        }
        m.put("opts", req.opts());
        m.put("dump", req.dump());
        m.put("passno", req.passno());
        m.put("fstab", req.fstab());
        m.put("boot", req.boot() ? "yes" : "no");
        return m;
    }
}

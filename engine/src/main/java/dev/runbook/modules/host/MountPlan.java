package dev.runbook.modules.host;

import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.Args;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What mount would do, from one probe (fstab, /proc/mounts, the mount point), with
 * ansible.posix.mount's rules: {@code present} edits fstab only; {@code mounted} edits it and
 * mounts (remounts when the entry changed while mounted); {@code unmounted} unmounts;
 * {@code absent} removes the entry and, when there was one, unmounts and removes the mount
 * point; {@code absent_from_fstab} removes the entry only; {@code remounted} always remounts;
 * {@code ephemeral} mounts without fstab.
 *
 * @param steps in order: umount, mount, remount, mount-ephemeral, remount-ephemeral, rmdir
 */
record MountPlan(Request req, String fstabBefore, String fstabAfter, boolean makeDir, List<String> steps) {
    static final String DEFAULT_FSTAB = "/etc/fstab";

    /** The arguments with Ansible's defaults; {@code boot: false} turns "defaults" into "noauto". */
    record Request(String path, String state, String src, String fstype, String opts, String dump, String passno, String fstab,
                   boolean boot, boolean backup) {
        static Request of(Args args) {
            String opts = args.has("opts") ? args.string("opts") : "defaults";
            boolean boot = !args.has("boot") || args.bool("boot");
            if (!boot) {
                List<String> list = new ArrayList<>(List.of(opts.split(",")));
                list.remove("defaults");
                if (!list.contains("noauto")) {
                    list.add("noauto");
                }
                opts = String.join(",", list);
            }
            return new Request(args.string("path"), args.string("state"), args.string("src"), args.string("fstype"), opts,
                    args.has("dump") ? args.string("dump") : "0", args.has("passno") ? args.string("passno") : "0",
                    args.has("fstab") ? args.string("fstab") : DEFAULT_FSTAB, boot, args.bool("backup"));
        }

        Fstab.Entry entry() {
            return new Fstab.Entry(src, path, fstype, opts, dump, passno);
        }
    }

    /** What the probe saw: fstab's text, the file system type and options mounted there (null: not mounted), the mount point. */
    record Seen(String fstab, String mountedType, String mountedOpts, boolean dirExists) {
        boolean mounted() {
            return mountedType != null;
        }
    }

    static Seen probe(ModuleContext ctx, Request req) throws ConnectionException, InterruptedException {
        String script = "f=" + ShellQuote.quote(req.fstab()) + "; p=" + ShellQuote.quote(req.path()) + "; "
                + "echo @@fstab; cat \"$f\" 2>/dev/null; echo @@mount; "
                + "P=" + ShellQuote.quote(Fstab.escape(req.path())) + " awk '$2 == ENVIRON[\"P\"] { m = $3 \" \" $4 } END { if (m != \"\") print m }' /proc/mounts; "
                + "echo @@dir; [ -e \"$p\" ] && echo yes; :";
        Map<String, String> s = Shell.sections(Shell.probe(ctx, script).stdout());
        String[] mount = s.getOrDefault("mount", "").strip().split(" ", 2);
        boolean mounted = !mount[0].isEmpty();
        return new Seen(s.getOrDefault("fstab", ""), mounted ? mount[0] : null, mounted && mount.length > 1 ? mount[1] : null,
                s.getOrDefault("dir", "").contains("yes"));
    }

    static MountPlan decide(Request req, Seen seen) throws ModuleException {
        String before = seen.fstab();
        List<String> steps = new ArrayList<>();
        return switch (req.state()) {
            case "present" -> new MountPlan(req, before, Fstab.set(before, req.entry()), false, steps);
            case "mounted" -> {
                String after = Fstab.set(before, req.entry());
                if (!seen.mounted()) {
                    steps.add("mount");
                } else if (!after.equals(before)) {
                    steps.add("remount");
                }
                yield new MountPlan(req, before, after, !seen.dirExists(), steps);
            }
            case "unmounted" -> {
                if (seen.mounted()) {
                    steps.add("umount");
                }
                yield new MountPlan(req, before, before, false, steps);
            }
            case "absent" -> {
                String after = Fstab.unset(before, req.path());
                if (!after.equals(before)) {
                    if (seen.mounted()) {
                        steps.add("umount");
                    }
                    if (seen.dirExists()) {
                        steps.add("rmdir");
                    }
                }
                yield new MountPlan(req, before, after, false, steps);
            }
            case "absent_from_fstab" -> new MountPlan(req, before, Fstab.unset(before, req.path()), false, steps);
            case "remounted" -> {
                steps.add("remount");
                yield new MountPlan(req, before, before, false, steps);
            }
            case "ephemeral" -> {
                if (!seen.mounted()) {
                    steps.add("mount-ephemeral");
                } else if (!seen.mountedType().equals(req.fstype())) {
                    throw new ModuleException(req.path() + " is already mounted with file system " + seen.mountedType() + ", not "
                            + req.fstype() + "; unmount it first (state: unmounted)");
                } else if (!hasOptions(seen.mountedOpts(), req.opts())) {
                    steps.add("remount-ephemeral");
                }
                yield new MountPlan(req, before, before, !seen.mounted() && !seen.dirExists(), steps);
            }
            default -> throw new ModuleException("unknown state " + req.state());
        };
    }

    /**
     * Every option asked for (but "defaults") is among the mounted ones; {@code key=size} options
     * match when the sizes are equal, as the kernel rewrites them ({@code size=1m} is shown
     * {@code size=1024k}).
     */
    static boolean hasOptions(String mounted, String wanted) {
        List<String> have = mounted == null ? List.of() : List.of(mounted.split(","));
        for (String o : wanted.split(",")) {
            if (!o.isBlank() && !o.equals("defaults") && !have.contains(o) && have.stream().noneMatch(h -> sameSize(h, o))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameSize(String a, String b) {
        int ea = a.indexOf('=');
        int eb = b.indexOf('=');
        if (ea < 0 || eb < 0 || !a.substring(0, ea).equals(b.substring(0, eb))) {
            return false;
        }
        Long x = bytes(a.substring(ea + 1));
        return x != null && x.equals(bytes(b.substring(eb + 1)));
    }

    private static Long bytes(String v) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([kKmMgG]?)").matcher(v);
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }

    boolean writesFstab() {
        return !fstabAfter.equals(fstabBefore);
    }

    boolean changed() {
        return writesFstab() || !steps.isEmpty();
    }

    /** For people: what would be (or was) done. */
    String describe(boolean done) {
        if (!changed()) {
            return req.path() + (switch (req.state()) {
                case "mounted", "ephemeral" -> " is mounted";
                case "present" -> " is in " + req.fstab();
                case "unmounted" -> " is not mounted";
                default -> " is not in " + req.fstab();
            });
        }
        List<String> parts = new ArrayList<>();
        if (writesFstab()) {
            boolean removing = req.state().startsWith("absent");
            parts.add((removing ? (done ? "removed " : "remove ") + req.path() + " from " : (done ? "wrote " : "write ") + req.path()
                    + " to ") + req.fstab());
        }
        for (String s : steps) {
            parts.add(switch (s) {
                case "umount" -> (done ? "unmounted " : "unmount ") + req.path();
                case "mount", "mount-ephemeral" -> (done ? "mounted " : "mount ") + req.src() + " on " + req.path();
                case "remount", "remount-ephemeral" -> (done ? "remounted " : "remount ") + req.path();
                default -> (done ? "removed the mount point " : "remove the mount point ") + req.path();
            });
        }
        String text = String.join(", ", parts);
        return done ? text : "would " + text;
    }
}

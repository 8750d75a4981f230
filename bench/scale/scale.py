#!/usr/bin/env python3
"""Scale benchmark: N loopback sshd hosts, `runbook apply` of N x 10 and N x 50 trivial tasks
and of a realistic 12-task runbook; wall time, controller peak RSS and CPU, hosts' CPU.

  bench/scale/scale.py up N              start N hosts (127.77.a.b:22022, 16 per sshd)
  bench/scale/scale.py run N [options]   measure (hosts 1..N must be up)
  bench/scale/scale.py down              stop exactly the sshd daemons this script started

Python 3 standard library only. Everything lives in /tmp/runbook-scale (keys, configs, pid
files, inventories, state); targets write under /tmp/runbook-scale-target. Run as root (the
hosts log in as root, like ../shared/bench; sshd gives them a quiet HOME). See
docs/performance.md for the figures and how they were taken.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import hashlib

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
ROOT = "/tmp/runbook-scale"
TARGET = "/tmp/runbook-scale-target"
PORT = 22022
PER_DAEMON = 16  # OpenSSH listens on at most 16 addresses per daemon
TICK = os.sysconf("SC_CLK_TCK")


def address(i):
    """Host i (0-based) listens on 127.77.a.b."""
    return "127.77.%d.%d" % (i // 200, i % 200 + 1)


def name(i):
    return "h%04d" % (i + 1)


def sh(*argv, **kw):
    return subprocess.run(argv, check=True, capture_output=True, text=True, **kw).stdout


def daemon_pids():
    pids = []
    d = os.path.join(ROOT, "run")
    if not os.path.isdir(d):
        return pids
    for f in sorted(os.listdir(d)):
        if not f.endswith(".pid"):
            continue
        try:
            pid = int(open(os.path.join(d, f)).read().strip())
            cmd = open("/proc/%d/cmdline" % pid, "rb").read().decode(errors="replace")
        except (OSError, ValueError):
            continue
        if os.path.join(ROOT, "daemons") in cmd:  # ours: started with our config
            pids.append(pid)
    return pids


def up(n):
    if not os.path.exists("/usr/sbin/sshd"):
        subprocess.run(["apt-get", "install", "-y", "openssh-server"], check=True)
    for d in ("keys", "daemons", "run", "home", "inv"):
        os.makedirs(os.path.join(ROOT, d), exist_ok=True)
    os.makedirs("/run/sshd", exist_ok=True)
    keys = os.path.join(ROOT, "keys")
    if not os.path.exists(os.path.join(keys, "host_ed25519")):
        sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", os.path.join(keys, "host_ed25519"))
        sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "runbook-scale", "-f", os.path.join(keys, "client"))
    home = os.path.join(ROOT, "home")
    for f in (".bashrc", ".profile"):
        if os.path.exists("/etc/skel/" + f):
            shutil.copy("/etc/skel/" + f, home)
    down(quiet=True)
    daemons = (n + PER_DAEMON - 1) // PER_DAEMON
    for d in range(daemons):
        cfg = os.path.join(ROOT, "daemons", "sshd-%03d.conf" % d)
        listen = ["ListenAddress %s:%d" % (address(i), PORT) for i in range(d * PER_DAEMON, min(n, (d + 1) * PER_DAEMON))]
        with open(cfg, "w") as f:
            f.write("\n".join(listen + [
                "HostKey " + os.path.join(keys, "host_ed25519"),
                "PidFile " + os.path.join(ROOT, "run", "sshd-%03d.pid" % d),
                "UsePAM no", "StrictModes no", "PermitRootLogin prohibit-password",
                "AuthorizedKeysFile " + os.path.join(keys, "client.pub"),
                "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                "MaxStartups 2000:100:4000", "MaxSessions 20", "LogLevel ERROR",
                "SetEnv HOME=" + home, "Subsystem sftp internal-sftp", ""]))
        subprocess.run(["/usr/sbin/sshd", "-f", cfg], check=True)
    deadline = time.time() + 120
    for i in range(n):
        while True:
            try:
                socket.create_connection((address(i), PORT), timeout=2).close()
                break
            except OSError:
                if time.time() > deadline:
                    sys.exit("host %s (%s) did not come up" % (name(i), address(i)))
                time.sleep(0.05)  # readiness poll, bounded by the deadline
    pub = open(os.path.join(keys, "host_ed25519.pub")).read().split()
    with open(os.path.join(ROOT, "known_hosts"), "w") as f:
        for i in range(n):
            f.write("[%s]:%d %s %s\n" % (address(i), PORT, pub[0], pub[1]))
    inventory(n)
    print("%d hosts up on %d sshd daemons; inventory %s" % (n, daemons, os.path.join(ROOT, "inv", "hosts-%d.ini" % n)))


def inventory(n):
    """hosts-N.ini: the first n hosts of the fleet."""
    with open(os.path.join(ROOT, "inv", "hosts-%d.ini" % n), "w") as f:
        f.write("[fleet]\n")
        for i in range(n):
            f.write("%s ansible_host=%s\n" % (name(i), address(i)))
        f.write("[fleet:vars]\nansible_port=%d\nansible_user=root\nansible_ssh_private_key_file=%s\n"
                % (PORT, os.path.join(ROOT, "keys", "client")))


def down(quiet=False):
    pids = daemon_pids()
    for pid in pids:
        os.kill(pid, signal.SIGTERM)
    deadline = time.time() + 30
    for pid in pids:
        while os.path.exists("/proc/%d" % pid) and time.time() < deadline:
            time.sleep(0.05)  # wait for the daemon we signalled to exit
    if not quiet:
        print("stopped %d sshd daemons" % len(pids))


def hosts_cpu():
    """CPU seconds of the host daemons and everything they reaped (connections and commands)."""
    total = 0
    for pid in daemon_pids():
        f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
        total += sum(int(x) for x in f[11:15])  # utime stime cutime cstime
    return total / TICK


def children_of_daemons():
    ours = set(daemon_pids())
    n = 0
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                ppid = int(open("/proc/%s/stat" % p).read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            n += ppid in ours
    return n


def trivial(k):
    path = os.path.join(ROOT, "trivial-%d.yml" % k)
    with open(path, "w") as f:
        f.write("runbook: trivial-%d\nsteps:\n  work:\n    tasks:\n" % k)
        for i in range(k):
            f.write("      - name: noop %03d\n        command: /bin/true\n" % (i + 1))
    return path


def realistic():
    files = os.path.join(HERE, "realistic", "files")
    os.makedirs(files, exist_ok=True)
    app = os.path.join(files, "app.js")
    if not os.path.exists(app):  # a deterministic 64 KiB bundle
        text = "".join("export const value%04d = %d; // bench payload\n" % (i, i * 7919 % 100003) for i in range(1, 2401))
        open(app, "w").write(text[:65536])
    return os.path.join(HERE, "realistic", "realistic.yml")


def verify_realistic(n):
    app = open(os.path.join(HERE, "realistic", "files", "app.js"), "rb").read()
    for i in range(n):
        base = os.path.join(TARGET, name(i))
        ok = (open(os.path.join(base, "webroot", "app.js"), "rb").read() == app
              and "upgraded = true" in open(os.path.join(base, "etc", "app.conf")).read()
              and "host = %s" % name(i) in open(os.path.join(base, "etc", "app.conf")).read()
              and os.path.exists(os.path.join(base, "backup", "webroot-2.4.1.tar.gz"))
              and not os.path.exists(os.path.join(base, "maintenance.flag")))
        if not ok:
            raise SystemExit("realistic result wrong on " + name(i))


def measure(runbook, n, forks, cell, log):
    shutil.rmtree(TARGET, ignore_errors=True)
    os.makedirs(TARGET)
    state = os.path.join(ROOT, "state")
    shutil.rmtree(state, ignore_errors=True)
    argv = [runbook, "apply", cell["file"], "-i", os.path.join(ROOT, "inv", "hosts-%d.ini" % n),
            "--forks", str(forks), "--known-hosts", os.path.join(ROOT, "known_hosts"), "--state-dir", state]
    load_before = os.getloadavg()
    cpu_hosts = hosts_cpu()
    t0 = time.monotonic()
    with open(log, "w") as out:
        p = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
        _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    deadline = time.time() + 60
    while children_of_daemons() > 0 and time.time() < deadline:
        time.sleep(0.05)  # the hosts' connection processes exit after the run closed them
    cpu_hosts = hosts_cpu() - cpu_hosts
    code = os.waitstatus_to_exitcode(status)
    tail = open(log).read().strip().splitlines()[-1] if os.path.getsize(log) else ""
    if code != 0:
        raise SystemExit("run failed (exit %d), see %s: %s" % (code, log, tail))
    if cell["kind"] == "realistic":
        verify_realistic(n)
    return {"cell": cell["label"], "hosts": n, "tasks": cell["tasks"], "forks": forks, "wall_s": round(wall, 2),
            "ctl_cpu_s": round(ru.ru_utime + ru.ru_stime, 2), "ctl_rss_mb": round(ru.ru_maxrss / 1024),
            "hosts_cpu_s": round(cpu_hosts, 2), "load_before": [round(x, 1) for x in load_before],
            "load_after": [round(x, 1) for x in os.getloadavg()], "exit": code, "last_line": tail}


def run(args):
    n = args.hosts
    known = os.path.join(ROOT, "known_hosts")
    if not os.path.exists(known) or sum(1 for _ in open(known)) < n or not daemon_pids():
        sys.exit("fewer than %d hosts are up: run '%s up %d' first" % (n, sys.argv[0], n))
    inventory(n)
    runbook = os.path.abspath(args.runbook)
    subprocess.run([runbook, "--version"], check=True, capture_output=True)  # builds first, untimed
    cells = []
    for k in args.trivial:
        cells.append({"kind": "trivial", "label": "trivial x%d" % k, "tasks": k, "file": trivial(k)})
    if args.realistic:
        cells.append({"kind": "realistic", "label": "realistic", "tasks": 12, "file": realistic()})
    out_dir = os.path.join(args.out, time.strftime("%Y%m%d-%H%M%S"))
    os.makedirs(out_dir, exist_ok=True)
    results = []
    for forks in args.forks:
        forks = min(forks, n)
        for cell in cells:
            for r in range(args.runs):
                log = os.path.join(out_dir, "%s-n%d-f%d-%d.log" % (cell["kind"] + str(cell["tasks"]), n, forks, r + 1))
                res = measure(runbook, n, forks, cell, log)
                results.append(res)
                print(json.dumps(res), flush=True)
    with open(os.path.join(out_dir, "results.jsonl"), "w") as f:
        for r in results:
            f.write(json.dumps(r) + "\n")
    print("| cell | hosts | forks | wall s | controller CPU s | controller peak RSS MB | hosts CPU s | load avg (1 min) before / after |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        print("| %s | %d | %d | %.2f | %.2f | %d | %.2f | %.1f / %.1f |" % (r["cell"], r["hosts"], r["forks"], r["wall_s"],
              r["ctl_cpu_s"], r["ctl_rss_mb"], r["hosts_cpu_s"], r["load_before"][0], r["load_after"][0]))
    print("results: " + out_dir)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    u = sub.add_parser("up")
    u.add_argument("hosts", type=int)
    sub.add_parser("down")
    r = sub.add_parser("run")
    r.add_argument("hosts", type=int)
    r.add_argument("--runbook", default=os.path.join(REPO, "runbook"), help="the launcher (default: the repository's)")
    r.add_argument("--forks", type=int, nargs="+", default=[100], help="--forks values to measure (capped at N)")
    r.add_argument("--trivial", type=int, nargs="*", default=[10, 50], help="trivial cells: tasks per host")
    r.add_argument("--no-realistic", dest="realistic", action="store_false")
    r.add_argument("--runs", type=int, default=1)
    r.add_argument("--out", default=os.path.join(ROOT, "results"))
    a = ap.parse_args()
    if a.cmd == "up":
        up(a.hosts)
    elif a.cmd == "down":
        down()
    else:
        run(a)


if __name__ == "__main__":
    main()

package dev.runbook.connection.ssh;

import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ConnectionException.Cause;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.connection.channel.OpenFailException;

/** Turns transport exceptions into {@link ConnectionException}s whose message says what happened. */
final class Failures {
    private Failures() {
    }

    static ConnectionException connect(SshTarget t, Throwable e, KnownHosts.Refusal refusal, boolean viaJump) {
        if (refusal != null) {
            return new ConnectionException(refusal.cause(), refusal.message(), false, null);
        }
        String who = t.host() + " (" + t.address() + ":" + t.port() + ")";
        Throwable root = rootOf(e);
        if (viaJump && root instanceof OpenFailException) {
            return new ConnectionException(Cause.REFUSED, "cannot connect to " + who + " through jump host "
                    + t.proxyJump() + ": the jump host could not open the connection (" + root.getMessage() + ")",
                    false, e);
        }
        if (root instanceof ConnectException) {
            return new ConnectionException(Cause.REFUSED, "cannot connect to " + who
                    + ": connection refused (is sshd running and listening on port " + t.port() + "?)", false, e);
        }
        if (root instanceof SocketTimeoutException || isTimeout(root)) {
            return new ConnectionException(Cause.TIMED_OUT, "cannot connect to " + who + ": no SSH answer within "
                    + t.connectTimeout().toSeconds() + " s (host down, a firewall dropping packets,"
                    + " or a service that is not sshd on that port?)", false, e);
        }
        if (root instanceof NoRouteToHostException) {
            return new ConnectionException(Cause.REFUSED, "cannot connect to " + who + ": no route to host", false, e);
        }
        if (root instanceof UnknownHostException) {
            return new ConnectionException(Cause.OTHER, "cannot connect to " + t.host() + ": the name '"
                    + t.address() + "' does not resolve (check ansible_host)", false, e);
        }
        if (String.valueOf(root.getMessage()).toLowerCase().contains("identification")) {
            return new ConnectionException(Cause.OTHER, "cannot connect to " + who + ": the service on port "
                    + t.port() + " is not an SSH server (" + describe(root) + ")", false, e);
        }
        return new ConnectionException(Cause.DROPPED, "cannot connect to " + who
                + ": the connection was closed during the SSH handshake (" + describe(root) + ")", false, e);
    }

    static ConnectionException auth(SshTarget t, Throwable e, List<String> keys, List<String> problems,
                                    boolean password) {
        List<String> tried = new ArrayList<>(keys);
        if (password) {
            tried.add("password");
        }
        StringBuilder msg = new StringBuilder("authentication failed for " + t.endpoint() + " (host " + t.host()
                + "): tried " + (tried.isEmpty() ? "nothing" : String.join(", ", tried)));
        for (String p : problems) {
            msg.append("; ").append(p);
        }
        msg.append(". Check ansible_user, ansible_ssh_private_key_file or ansible_password");
        return new ConnectionException(Cause.AUTH_FAILED, msg.toString(), false, e);
    }

    static ConnectionException dropped(String host, String during, boolean mayHaveStarted, Throwable e) {
        return new ConnectionException(Cause.DROPPED, "connection to " + host + " dropped " + during
                + ": " + droppedWhy(rootOf(e)), mayHaveStarted, e);
    }

    /** sshj's words for the usual ways a connection dies, said in the user's terms. */
    private static String droppedWhy(Throwable root) {
        String m = describe(root);
        java.util.regex.Matcher alive = java.util.regex.Pattern.compile("keep-alive response for (\\d+) seconds").matcher(m);
        if (alive.find()) {
            return "the host stopped answering (no keep-alive answered for " + alive.group(1)
                    + " s; ServerAliveInterval × ServerAliveCountMax sets this)";
        }
        if (m.contains("encountered EOF") || m.toLowerCase().contains("connection reset")) {
            return "the host closed the connection (sshd stopped or restarted, or the host went down)";
        }
        return m;
    }

    private static boolean isTimeout(Throwable t) {
        return t instanceof java.util.concurrent.TimeoutException
                || String.valueOf(t.getMessage()).toLowerCase().contains("timeout expired");
    }

    static Throwable rootOf(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    static String describe(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}

package dev.runbook.connection.ssh;

/**
 * What to do with a host key not yet in known_hosts. A key that differs from the recorded one is
 * refused under every policy except {@link #OFF}.
 */
public enum HostKeyPolicy {
    /** Unknown hosts are refused (like OpenSSH's StrictHostKeyChecking=yes). */
    STRICT,
    /** Unknown hosts are accepted and their key appended to known_hosts; changed keys are refused. */
    ACCEPT_NEW,
    /** Every key is accepted and nothing is recorded (for throwaway test machines only). */
    OFF
}

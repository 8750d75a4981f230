package dev.runbook.config;

/**
 * The effective value of one setting and where it came from: "env ANSIBLE_FORKS",
 * "/etc/ansible/ansible.cfg:12" or "default" (value null: not set).
 */
public record Setting(String name, String value, String origin, String meaning) {
}

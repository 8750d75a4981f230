package dev.runbook.config;

import java.util.List;

/**
 * One ansible.cfg setting runbook reads: its ini section and key, its environment variable, how
 * its value is typed, and what it means here.
 */
record SettingDef(String name, String section, String env, Kind kind, String meaning) {
    enum Kind { STRING, PATH, PATH_LIST, PATH_SPEC, BOOL, INT }

    static final List<SettingDef> ALL = List.of(
            new SettingDef("inventory", "defaults", "ANSIBLE_INVENTORY", Kind.PATH_LIST, "inventories when no -i is given"),
            new SettingDef("remote_user", "defaults", "ANSIBLE_REMOTE_USER", Kind.STRING, "SSH user when a host sets no ansible_user"),
            new SettingDef("private_key_file", "defaults", "ANSIBLE_PRIVATE_KEY_FILE", Kind.PATH,
                    "SSH key when a host sets no ansible_ssh_private_key_file"),
            new SettingDef("host_key_checking", "defaults", "ANSIBLE_HOST_KEY_CHECKING", Kind.BOOL,
                    "False means --host-key-checking=off when the flag is not given"),
            new SettingDef("forks", "defaults", "ANSIBLE_FORKS", Kind.INT, "--forks when the flag is not given"),
            new SettingDef("force_handlers", "defaults", "ANSIBLE_FORCE_HANDLERS", Kind.BOOL,
                    "True means --force-handlers (a step's force_handlers still wins)"),
            new SettingDef("timeout", "defaults", "ANSIBLE_TIMEOUT", Kind.INT, "SSH connect timeout (seconds) when a host sets no ansible_timeout"),
            new SettingDef("vault_password_file", "defaults", "ANSIBLE_VAULT_PASSWORD_FILE", Kind.PATH, "a vault password file, always read"),
            new SettingDef("vault_identity_list", "defaults", "ANSIBLE_VAULT_IDENTITY_LIST", Kind.STRING,
                    "vault ids (LABEL@SOURCE, comma-separated), always read"),
            new SettingDef("ask_vault_pass", "defaults", "ANSIBLE_ASK_VAULT_PASS", Kind.BOOL, "True asks for the vault password"),
            new SettingDef("roles_path", "defaults", "ANSIBLE_ROLES_PATH", Kind.PATH_SPEC, "where roles are found, after roles/ beside the runbook"),
            new SettingDef("ssh_args", "ssh_connection", "ANSIBLE_SSH_ARGS", Kind.STRING,
                    "as ansible_ssh_common_args for hosts that set none (only ProxyJump is used)"),
            new SettingDef("become", "privilege_escalation", "ANSIBLE_BECOME", Kind.BOOL, "become for every task when a host sets no ansible_become"),
            new SettingDef("become_user", "privilege_escalation", "ANSIBLE_BECOME_USER", Kind.STRING,
                    "the user to become when a host sets no ansible_become_user"),
            new SettingDef("become_method", "privilege_escalation", "ANSIBLE_BECOME_METHOD", Kind.STRING, "only sudo is supported"),
            new SettingDef("become_ask_pass", "privilege_escalation", "ANSIBLE_BECOME_ASK_PASS", Kind.BOOL, "True means --ask-become-pass"));

    static SettingDef named(String name) {
        return ALL.stream().filter(d -> d.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no setting " + name));
    }
}

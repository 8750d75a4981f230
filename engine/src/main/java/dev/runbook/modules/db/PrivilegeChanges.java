package dev.runbook.modules.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The GRANT and REVOKE statements that take an account from the privileges it holds to the wanted ones. */
final class PrivilegeChanges {
    private PrivilegeChanges() {
    }

    /**
     * Without {@code append}, objects not wanted lose everything and objects whose privileges
     * differ are revoked and granted again (as Ansible does); with it, only what is missing is granted.
     */
    static List<String> statements(Privileges now, Privileges want, boolean append, String account) {
        List<String> out = new ArrayList<>();
        if (!append) {
            for (String object : now.byObject().keySet()) {
                if (!want.byObject().containsKey(object) && !now.empty(object)) {
                    revoke(out, now, object, account);
                }
            }
        }
        for (String object : want.byObject().keySet()) {
            Set<String> have = now.real(object);
            Set<String> wanted = want.real(object);
            boolean grantOption = want.grantOption(object);
            if (append) {
                Set<String> missing = new TreeSet<>(wanted);
                if (have.contains("ALL PRIVILEGES")) {
                    missing.clear();
                }
                missing.removeAll(have);
                boolean optionMissing = grantOption && !now.grantOption(object);
                if (!missing.isEmpty() || optionMissing) {
                    grant(out, missing, object, account, optionMissing);
                }
            } else if (!have.equals(wanted) || grantOption != now.grantOption(object)) {
                if (!now.empty(object)) {
                    revoke(out, now, object, account);
                }
                if (!wanted.isEmpty() || grantOption) {
                    grant(out, wanted, object, account, grantOption);
                }
            }
        }
        return out;
    }

    private static void revoke(List<String> out, Privileges now, String object, String account) {
        String on = " ON " + Privileges.quoted(object) + " FROM " + account;
        if (now.grantOption(object)) {
            out.add("REVOKE GRANT OPTION" + on);
        }
        if (!now.real(object).isEmpty()) {
            out.add("REVOKE ALL PRIVILEGES" + on);
        }
    }

    private static void grant(List<String> out, Set<String> privileges, String object, String account, boolean option) {
        String list = privileges.isEmpty() ? "USAGE" : String.join(", ", privileges);
        out.add("GRANT " + list + " ON " + Privileges.quoted(object) + " TO " + account + (option ? " WITH GRANT OPTION" : ""));
    }
}

package dev.runbook.modules.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What must hold before a restore touches anything: the privileges the swap and the dump's own
 * statements need, definers the user may act for, no database switch inside the dump, and no
 * leftovers of an earlier restore that cannot be told apart from the user's tables. Computed from
 * read-only probes, so a plan predicts exactly the refusals apply would give.
 */
final class RestoreCheck {
    private RestoreCheck() {
    }

    static List<String> problems(Schema s, DumpScan dump, boolean allowIncomplete) {
        List<String> problems = new ArrayList<>();
        if (!dump.complete() && !allowIncomplete) {
            problems.add("the dump does not end with the dump tool's '-- Dump completed' line, so it may be cut short "
                    + "and restoring it could lose tables; set allow_incomplete: true to load it anyway (a dump made "
                    + "with --skip-comments, or SQL written by hand)");
        }
        for (String other : dump.databases()) {
            if (!other.equals(s.name())) {
                problems.add("the dump switches to database " + other + " itself (it was made with --databases), so it "
                        + "would write there, not into " + s.name() + "; restore it with name: " + other
                        + ", or make the dump without --databases (as mysql_dump does)");
            }
        }
        Map<String, String> missing = new LinkedHashMap<>();
        required(s, dump).forEach((privilege, why) -> {
            if (!s.privileges().contains(privilege)) {
                missing.put(privilege, why);
            }
        });
        if (!missing.isEmpty()) {
            StringBuilder sb = new StringBuilder("user " + s.user() + " lacks ");
            sb.append(String.join(", ", missing.keySet())).append(" on ").append(s.name()).append(" (");
            List<String> reasons = new ArrayList<>();
            missing.forEach((p, why) -> reasons.add(p + ": " + why));
            sb.append(String.join("; ", reasons)).append(')');
            problems.add(sb.toString());
        }
        if (!s.mayActForOthers()) {
            Stream.of(s.triggers(), s.routines(), s.events()).flatMap(List::stream)
                    .filter(o -> !o.definer().equals(s.user()))
                    .forEach(o -> problems.add(o.describe() + " is defined by " + o.definer() + "; user " + s.user()
                            + " could not create it again if the restore failed (that needs SUPER or SET USER)"));
            dump.definers().stream().filter(d -> !d.equals(s.user())).forEach(d -> problems.add("the dump creates "
                    + "objects defined by " + d + "; only " + d + " or a user with SUPER (or SET USER) may load them, "
                    + "not " + s.user()));
        }
        List<String> leftovers = s.relations().keySet().stream().filter(RestoreJournal::isOwn).toList();
        if (!leftovers.isEmpty()) {
            problems.add(s.name() + " holds " + String.join(", ", leftovers) + ", left by an earlier restore that "
                    + "lost its journal; they hold data from before that restore: rename them back or drop them first");
        }
        return problems;
    }

    /** Privilege -> why it is needed. */
    static Map<String, String> required(Schema s, DumpScan dump) {
        Map<String, String> r = new LinkedHashMap<>();
        if (!s.exists()) {
            r.put("CREATE", "to create the database, which does not exist");
        } else {
            r.put("CREATE", "to create the dump's tables");
        }
        r.put("INSERT", "to load the dump's rows");
        r.put("DROP", "to drop the old tables once the new ones are in place");
        boolean aside = s.exists() && !s.relations().isEmpty();
        if (aside || dump.alters()) {
            r.put("ALTER", aside && dump.alters()
                    ? "to move the current tables aside with RENAME TABLE, and for the dump's ALTER TABLE statements"
                    : aside ? "to move the current tables aside with RENAME TABLE" : "for the dump's ALTER TABLE statements");
        }
        if (dump.locks()) {
            r.put("LOCK TABLES", "the dump has LOCK TABLES statements (mysql_dump writes dumps without them)");
        }
        if (!dump.views().isEmpty()) {
            r.put("CREATE VIEW", "the dump creates views");
        }
        if (dump.triggers() || !s.triggers().isEmpty()) {
            r.put("TRIGGER", "to drop the current triggers and create the dump's");
        }
        if (dump.routines() || !s.routines().isEmpty()) {
            r.put("CREATE ROUTINE", "to create stored procedures and functions");
            r.put("ALTER ROUTINE", "to drop the current stored procedures and functions");
        }
        if (dump.events() || !s.events().isEmpty()) {
            r.put("EVENT", "to drop and create events");
        }
        return r;
    }
}

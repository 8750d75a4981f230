package dev.runbook.modules.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * A crontab's lines with Ansible's named entries: a {@code #Ansible: NAME} line followed by the
 * job's line. Other lines are kept as they are.
 */
final class CronEntries {
    static final String MARK = "#Ansible: ";
    private final List<String> lines;

    CronEntries(String text) {
        this.lines = new ArrayList<>(text.lines().toList());
    }

    /** Puts {@code job} under the entry {@code name}: replaced where it is, or added at the end. */
    void put(String name, String job) {
        int at = lines.indexOf(MARK + name);
        if (at < 0) {
            lines.add(MARK + name);
            lines.add(job);
        } else if (at + 1 < lines.size() && !lines.get(at + 1).startsWith(MARK)) {
            lines.set(at + 1, job);
        } else {
            lines.add(at + 1, job);
        }
    }

    /** Removes the entry {@code name} and its job line. */
    void remove(String name) {
        int at = lines.indexOf(MARK + name);
        if (at < 0) {
            return;
        }
        if (at + 1 < lines.size() && !lines.get(at + 1).startsWith(MARK)) {
            lines.remove(at + 1);
        }
        lines.remove(at);
    }

    /** The names of the entries, in order. */
    List<String> names() {
        return lines.stream().filter(l -> l.startsWith(MARK)).map(l -> l.substring(MARK.length())).toList();
    }

    boolean isEmpty() {
        return lines.stream().allMatch(String::isBlank);
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }
}

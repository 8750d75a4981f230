package dev.runbook.report.html;

/** What a report marks on a host or a task (HTML, already escaped): nothing, or how it differs from another run. */
interface Marks {
    Marks NONE = new Marks() {
    };

    default String host(RunFacts.Host host) {
        return "";
    }

    default String task(RunFacts.Task task) {
        return "";
    }
}

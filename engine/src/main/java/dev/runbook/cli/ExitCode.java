package dev.runbook.cli;

/** Exit statuses: a promise to users and their automation (docs/cli.md). */
public enum ExitCode {
    OK(0, "everything ran (or would run) fine"),
    INTERNAL_ERROR(1, "a bug in runbook itself (please report it)"),
    TASK_FAILED(2, "a task failed on at least one host"),
    UNREACHABLE(3, "a host was unreachable (and no task failed)"),
    INVALID_INPUT(4, "the runbook, inventory or arguments are invalid; nothing was run"),
    INTERRUPTED(5, "interrupted (Ctrl-C or SIGTERM)"),
    CHANGES_PENDING(6, "plan --detailed-exitcode only: the plan has changes (or unknowns) to apply"),
    STATE_FAILED(7, "the run's journal or the state directory could not be written; nothing unrecorded was run");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** Lines for picocli's exit code list in --help. */
    public static java.util.Map<String, String> helpList() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (ExitCode c : values()) {
            m.put(String.valueOf(c.code), c.meaning);
        }
        return m;
    }
}

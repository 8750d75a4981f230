package dev.runbook.diag;

public enum Severity {
    ERROR,
    WARNING
}

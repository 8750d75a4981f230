package dev.runbook.exec;

import dev.runbook.connection.OutputSink;
import dev.runbook.diag.SourceSpan;
import java.time.Duration;

/**
 * How one task runs on one host, as its module sees it: check mode or not, its timeout, where its
 * output goes, the source it came from (for messages) and its privilege escalation.
 */
record TaskSettings(boolean checkMode, Duration timeout, OutputSink sink, SourceSpan where, BecomeSpec become) {
}

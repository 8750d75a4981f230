package dev.runbook.template;

import com.hubspot.jinjava.interpret.TemplateError;
import dev.runbook.diag.SourceSpan;
import dev.runbook.template.jinja.FilterFailure;
import dev.runbook.template.jinja.JinjaEngine;
import dev.runbook.template.jinja.Undefined;

/** Turns what went wrong in an evaluation into a {@link TemplateException} a user can act on. */
final class Failures {
    private static final int MAX_QUOTE = 120;

    private Failures() {
    }

    static void check(JinjaEngine.Outcome outcome, String source, SourceSpan where) throws TemplateException {
        Undefined u = outcome.undefined();
        if (u != null && u.name() == null) {
            throw new TemplateException(at(where, source, u.line()), u.detail() + " in " + quote(source, u.line()));
        }
        if (u != null) {
            String detail = u.detail() == null ? "" : ": " + u.detail();
            throw new TemplateException(at(where, source, u.line()),
                "undefined variable '" + u.name() + "' in " + quote(source, u.line()) + detail, u.name());
        }
        for (TemplateError error : outcome.errors()) {
            if (isFailure(error)) {
                FilterFailure f = filterFailure(error.getException());
                throw new TemplateException(at(where, source, error.getLineno()),
                    message(error) + " in " + quote(source, error.getLineno()), f == null ? null : f.undefinedVariable(),
                    f == null ? null : f.knownOnlyWhenApplying());
            }
        }
    }

    private static boolean isFailure(TemplateError error) {
        return error.getSeverity() == TemplateError.ErrorType.FATAL
            || error.getReason() != TemplateError.ErrorReason.UNKNOWN
            || filterFailure(error.getException()) != null;
    }

    private static String message(TemplateError error) {
        FilterFailure f = filterFailure(error.getException());
        if (f != null) {
            return f.getMessage();
        }
        return JinjavaMessages.clean(error);
    }

    private static FilterFailure filterFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof FilterFailure f) {
                return f;
            }
        }
        return null;
    }

    /** The whole source when short, else the line the problem is on. */
    static String quote(String source, int line) {
        String text = source;
        String prefix = "";
        if (source.contains("\n") && line > 0) {
            String[] lines = source.split("\n", -1);
            text = lines[Math.min(line, lines.length) - 1].trim();
            prefix = "line " + line + " ";
        }
        if (text.length() > MAX_QUOTE) {
            text = text.substring(0, MAX_QUOTE - 3) + "...";
        }
        return prefix + "\"" + text + "\"";
    }

    private static SourceSpan at(SourceSpan where, String source, int line) {
        if (!where.isKnown() || line <= 1 || !source.contains("\n")) {
            return where;
        }
        return new SourceSpan(where.file(), where.line() + line - 1, 1);
    }
}

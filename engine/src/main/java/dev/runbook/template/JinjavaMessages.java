package dev.runbook.template;

import com.hubspot.jinjava.interpret.TemplateError;

/** Jinjava's error messages, without the parts that only make sense to jinjava's developers. */
final class JinjavaMessages {
    private JinjavaMessages() {
    }

    static String clean(TemplateError error) {
        String m = error.getMessage() == null ? error.getReason().name() : error.getMessage();
        return m.trim();
    }
}

package dev.runbook.template;

import dev.runbook.diag.SourceSpan;
import dev.runbook.model.Expr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared variables and short helpers for the templater tests. */
abstract class TemplateFixtures {
    static final SourceSpan WHERE = SourceSpan.of("site.yml", 12, 9);
    final Templater templater = new JinjavaTemplater();

    static Map<String, Object> vars() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", "web");
        v.put("port", 8080);
        v.put("ratio", 1.5);
        v.put("enabled", true);
        v.put("nothing", null);
        v.put("blank", "");
        v.put("packages", List.of("nginx", "php-fpm", "nginx"));
        v.put("numbers", List.of(3, 1, 2));
        v.put("result", Map.of("rc", 0, "stdout", "ok", "changed", true));
        v.put("failed_result", Map.of("rc", 2, "failed", true, "changed", false));
        v.put("users", List.of(
            Map.of("name", "alice", "uid", 1001, "admin", true),
            Map.of("name", "bob", "uid", 1002, "admin", false),
            Map.of("name", "carol", "uid", 1003)));
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("host", "localhost");
        db.put("port", 3306);
        v.put("config", Map.of("db", db));
        return v;
    }

    Object render(String template) throws TemplateException {
        return templater.render(template, vars(), WHERE);
    }

    Object eval(String expression) throws TemplateException {
        return templater.evaluate(new Expr(expression, WHERE), vars());
    }

    boolean test(String expression) throws TemplateException {
        return templater.test(new Expr(expression, WHERE), vars());
    }
}

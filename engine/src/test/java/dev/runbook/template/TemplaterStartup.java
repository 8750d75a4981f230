package dev.runbook.template;

import dev.runbook.diag.SourceSpan;
import java.util.List;
import java.util.Map;

/**
 * Prints what the template engine costs: building it on first use, then one evaluation.
 * Run with {@code java -cp engine/target/classes:engine/target/test-classes:<deps>
 * dev.runbook.template.TemplaterStartup}.
 */
public final class TemplaterStartup {
    private TemplaterStartup() {
    }

    public static void main(String[] args) throws TemplateException {
        long start = System.nanoTime();
        Templater templater = new JinjavaTemplater();
        Map<String, Object> vars = Map.of("name", "web", "packages", List.of("nginx", "php-fpm"));
        Object first = templater.render("{{ name }}: {{ packages | join(', ') }}", vars, SourceSpan.NONE);
        long firstMs = (System.nanoTime() - start) / 1_000_000;
        int n = 10_000;
        long loop = System.nanoTime();
        for (int i = 0; i < n; i++) {
            templater.render("{{ name }}: {{ packages | join(', ') }}", vars, SourceSpan.NONE);
        }
        long perRenderMicros = (System.nanoTime() - loop) / 1_000 / n;
        System.out.println("first render: " + first);
        System.out.println("engine build: " + JinjavaTemplater.engineBuildMillis() + " ms");
        System.out.println("first use (build + first render): " + firstMs + " ms");
        System.out.println("later renders: " + perRenderMicros + " us each (" + n + " runs)");
    }
}

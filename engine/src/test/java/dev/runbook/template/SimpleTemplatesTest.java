package dev.runbook.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.diag.SourceSpan;
import dev.runbook.model.Expr;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fast path must give exactly what jinjava gives ("{# #}" forces a template through jinjava). */
class SimpleTemplatesTest {
    final JinjavaTemplater t = new JinjavaTemplater();
    final Map<String, Object> vars = Map.of("root", "/var/www", "port", 8080, "big", 12345678901L, "flag", true,
            "list", List.of(1, 2), "result", Map.of("stdout", "4.0.2.3", "rc", 0, "nested", Map.of("x", "y")));

    @Test
    void simpleTextMatchesJinjava() throws Exception {
        for (String s : List.of("{{ root }}/index.php", "{{root}}:{{ port }}", "v{{ result.stdout }}-{{ result.rc }}",
                "{{ big }}", "a {{ result.nested.x }} b", "{{ flag }} and {{ list }}", "{{ result }}")) {
            assertThat(t.renderText(s, vars, SourceSpan.NONE)).as(s).isEqualTo(t.renderText(s + "{# #}", vars, SourceSpan.NONE));
        }
    }

    @Test
    void singleExpressionsKeepTheirType() throws Exception {
        assertThat(t.render("{{ port }}", vars, SourceSpan.NONE)).isEqualTo(8080);
        assertThat(t.render("{{ list }}", vars, SourceSpan.NONE)).isEqualTo(List.of(1, 2));
        assertThat(t.render("{{ result.nested }}", vars, SourceSpan.NONE)).isEqualTo(Map.of("x", "y"));
        assertThat(t.test(new Expr("false", SourceSpan.NONE), vars)).isFalse();
        assertThat(t.test(new Expr("True", SourceSpan.NONE), vars)).isTrue();
        assertThat(t.test(new Expr("flag", SourceSpan.NONE), vars)).isTrue();
    }

    @Test
    void undefinedNamesStillGetJinjavasError() {
        assertThatThrownBy(() -> t.render("{{ missing }}/x", vars, SourceSpan.NONE))
                .isInstanceOf(TemplateException.class).hasMessageContaining("undefined variable 'missing'");
        assertThatThrownBy(() -> t.render("{{ result.nope }}", vars, SourceSpan.NONE))
                .isInstanceOf(TemplateException.class).hasMessageContaining("result.nope");
    }
}

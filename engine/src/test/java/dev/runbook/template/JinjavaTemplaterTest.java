package dev.runbook.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.diag.SourceSpan;
import dev.runbook.model.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JinjavaTemplaterTest extends TemplateFixtures {

    @Test
    void plainStringsAreReturnedAsTheyAre() throws Exception {
        String s = "no template here: { not } a {# #} %} }}";
        assertThat(templater.render(s, vars(), WHERE)).isSameAs(s);
        Integer n = 42;
        assertThat(templater.render(n, vars(), WHERE)).isSameAs(n);
    }

    @Test
    void singleExpressionKeepsItsNativeType() throws Exception {
        assertThat(render("{{ port }}")).isEqualTo(8080).isInstanceOf(Integer.class);
        assertThat(render("{{ port + 1 }}")).isEqualTo(8081).isInstanceOf(Integer.class);
        assertThat(render("{{ 10000000000 }}")).isEqualTo(10_000_000_000L);
        assertThat(render("{{ ratio * 2 }}")).isEqualTo(3.0);
        assertThat(render("{{ 7 / 2 }}")).isEqualTo(3.5);
        assertThat(render("{{ 7 // 2 }}")).isEqualTo(3);
        assertThat(render("{{ enabled }}")).isEqualTo(true);
        assertThat(render("{{ nothing }}")).isNull();
        assertThat(render("{{ packages }}")).isEqualTo(List.of("nginx", "php-fpm", "nginx")).isInstanceOf(ArrayList.class);
        assertThat(render("{{ config }}")).isEqualTo(Map.of("db", Map.of("host", "localhost", "port", 3306)))
            .isInstanceOf(LinkedHashMap.class);
        assertThat(render("{{ {'a': {'b': [1, 2]}} }}")).isEqualTo(Map.of("a", Map.of("b", List.of(1, 2))));
        assertThat(render("{{ name }}")).isEqualTo("web");
        assertThat(render("{{- port -}}")).isEqualTo(8080);
        assertThat(render("{{ '}}' }}")).isEqualTo("}}");
        assertThat(render("{{ port }} {{ port }}")).isEqualTo("8080 8080");
        assertThat(render("{{ port }}\n")).isEqualTo("8080\n");
        assertThat(eval("packages | unique")).isEqualTo(List.of("nginx", "php-fpm"));
    }

    @Test
    void mixedTextRendersToAStringWithPythonSpelling() throws Exception {
        assertThat(render("http://{{ name }}:{{ port }}/")).isEqualTo("http://web:8080/");
        assertThat(render(" {{ port }}")).isEqualTo(" 8080");
        assertThat(render("{{ port }}{{ port }}")).isEqualTo("80808080");
        // None alone prints nothing (Ansible's finalize); inside a list it is None
        assertThat(render("{{ enabled }} {{ nothing }} {{ ratio }} {{ 2.0 }}")).isEqualTo("True  1.5 2.0");
        assertThat(render("pkgs={{ packages[:2] }}")).isEqualTo("pkgs=['nginx', 'php-fpm']");
        assertThat(render("{% for u in users %}{{ u.name }},{% endfor %}")).isEqualTo("alice,bob,carol,");
        assertThat(render("{% for k, v in config.db.items() %}{{k}}={{v}};{% endfor %}")).isEqualTo("host=localhost;port=3306;");
        assertThat(render("{% if port > 80 %}high{% else %}low{% endif %}")).isEqualTo("high");
    }

    @Test
    void recursesIntoListsAndMapsIncludingKeys() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("{{ name }}_port", "{{ port }}");
        value.put("list", List.of("{{ name }}", 7, Map.of("nested", "{{ packages | length }}")));
        value.put("plain", "text");
        value.put("{{ port }}", "{{ enabled }}");
        Object out = templater.render(value, vars(), WHERE);
        assertThat(out).isEqualTo(Map.of("web_port", 8080, "list", List.of("web", 7, Map.of("nested", 3)), "plain", "text",
            "8080", true));
    }

    @Test
    void omitLeavesOutADictEntry() throws Exception {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("path", "/srv/{{ name }}");
        args.put("mode", "{{ file_mode | default(omit) }}");
        args.put("owner", "{{ owner | default(omit) }}");
        Map<String, Object> v = new LinkedHashMap<>(vars());
        v.put("owner", "www-data");
        assertThat(templater.render(args, v, WHERE)).isEqualTo(Map.of("path", "/srv/web", "owner", "www-data"));
        assertThat(render("{{ omit }}")).isEqualTo(JinjavaTemplater.OMIT);
    }

    @Test
    void undefinedVariableIsAnErrorNamingIt() {
        assertThatThrownBy(() -> render("{{ webroot }}/index.php"))
            .isInstanceOfSatisfying(TemplateException.class, e -> {
                assertThat(e.getMessage()).isEqualTo("undefined variable 'webroot' in \"{{ webroot }}/index.php\"");
                assertThat(e.undefinedVariable()).isEqualTo("webroot");
                assertThat(e.span()).isEqualTo(WHERE);
                assertThat(e.located()).isEqualTo("site.yml:12:9: undefined variable 'webroot' in \"{{ webroot }}/index.php\"");
            });
        assertThatThrownBy(() -> render("{{ webroot | upper }}"))
            .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.undefinedVariable()).isEqualTo("webroot"));
        assertThatThrownBy(() -> render("{% if webroot %}x{% endif %}"))
            .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.undefinedVariable()).isEqualTo("webroot"));
    }

    @Test
    void misspelledVariableGetsASuggestion() {
        assertThatThrownBy(() -> render("{{ nmae }}"))
            .hasMessage("undefined variable 'nmae' in \"{{ nmae }}\": did you mean 'name'?");
    }

    @Test
    void undefinedAttributeOfADictIsAnErrorNamingThePath() {
        assertThatThrownBy(() -> render("{{ result.x }}"))
            .isInstanceOfSatisfying(TemplateException.class, e -> {
                assertThat(e.undefinedVariable()).isEqualTo("result.x");
                assertThat(e.getMessage()).startsWith("undefined variable 'result.x' in \"{{ result.x }}\": result has no key 'x' (keys: ");
            });
        assertThatThrownBy(() -> render("{{ config.db.user }}"))
            .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.undefinedVariable()).isEqualTo("config.db.user"));
        assertThatThrownBy(() -> render("{{ result.stdout.lines }}"))
            .hasMessage("undefined variable 'result.stdout.lines' in \"{{ result.stdout.lines }}\": 'str object' has no attribute 'lines'");
        assertThatThrownBy(() -> render("{{ packages[5] }}"))
            .hasMessage("undefined variable 'packages[5]' in \"{{ packages[5] }}\": packages has no element 5 (it has 3)");
        assertThatThrownBy(() -> render("{{ users[2].admin }}"))
            .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.undefinedVariable()).isEqualTo("users[2].admin"));
        assertThatThrownBy(() -> render("{% for u in users %}{{ u.admin }}{% endfor %}"))
            .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.undefinedVariable()).isEqualTo("users[2].admin"));
    }

    @Test
    void definedTestsAndDefaultsDoNotFailOnUndefined() throws Exception {
        assertThat(render("{{ webroot is defined }}")).isEqualTo(false);
        assertThat(render("{{ webroot is undefined }}")).isEqualTo(true);
        assertThat(render("{{ webroot is not defined }}")).isEqualTo(true);
        assertThat(render("{{ result.x is defined }}")).isEqualTo(false);
        assertThat(render("{{ result.rc is defined }}")).isEqualTo(true);
        assertThat(render("{{ webroot | default('/var/www') }}/index.php")).isEqualTo("/var/www/index.php");
        assertThat(render("{{ result.x | default(port) }}")).isEqualTo(8080);
        assertThat(render("{{ webroot.y | default(3) }}")).isEqualTo(3);
        assertThat(render("{{ webroot | d('w') }}")).isEqualTo("w");
        assertThat(render("{{ port | default(undefined_fallback) }}")).isEqualTo(8080);
        assertThat(render("{{ webroot if webroot is defined else 'none set' }}")).isEqualTo("none set");
        assertThat(render("{% if webroot is defined %}{{ webroot }}{% else %}unset{% endif %}")).isEqualTo("unset");
        assertThat(eval("webroot is defined and webroot.x == 1")).isEqualTo(false);
        assertThat(eval("result.changed_x | default(false)")).isEqualTo(false);
    }

    @Test
    void aNullVariableIsDefined() throws Exception {
        assertThat(render("{{ nothing is defined }}")).isEqualTo(true);
        assertThat(render("{{ nothing | default('x') }}")).isNull();
        assertThat(render("{{ nothing | default('x', true) }}")).isEqualTo("x");
        assertThat(render("{{ none }}")).isNull();
        assertThat(render("{{ None is none }}")).isEqualTo(true);
    }

    @Test
    void defaultOfUndefinedWithUndefinedFallbackNamesTheFallback() {
        assertThatThrownBy(() -> render("{{ a | default(b) }}"))
            .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.undefinedVariable()).isEqualTo("b"));
    }

    @Test
    void evaluateReturnsValuesOfBareExpressions() throws Exception {
        assertThat(eval("result.rc == 0 and result is changed")).isEqualTo(true);
        assertThat(eval("packages | unique | length")).isEqualTo(2);
        assertThat(eval("port > 1024")).isEqualTo(true);
        assertThat(eval("'nginx' in packages")).isEqualTo(true);
        assertThat(eval("{{ port }}")).isEqualTo(8080);
        assertThatThrownBy(() -> eval("result.rc == 0 and x.y")).hasMessageContaining("undefined variable 'x'");
        assertThatThrownBy(() -> eval("  ")).isInstanceOf(TemplateException.class).hasMessageStartingWith("empty expression");
    }

    @Test
    void testUsesJinjaTruthiness() throws Exception {
        assertThat(test("result.rc == 0")).isTrue();
        assertThat(test("blank")).isFalse();
        assertThat(test("name")).isTrue();
        assertThat(test("[]")).isFalse();
        assertThat(test("{}")).isFalse();
        assertThat(test("0")).isFalse();
        assertThat(test("0.0")).isFalse();
        assertThat(test("nothing")).isFalse();
        assertThat(test("packages")).isTrue();
        assertThat(test("not enabled")).isFalse();
        assertThat(test("webroot is not defined or webroot == ''")).isTrue();
    }

    @Test
    void templatedConditionsAreReadTwiceAsInAnsible() throws Exception {
        Map<String, Object> v = Map.of("flag", "no", "other", "Yes", "off", "False", "on", "True", "word", "maybe",
            "port", 8080);
        assertThat(templater.test(new Expr("{{ off }}", WHERE), v)).isFalse();
        assertThat(templater.test(new Expr("{{ on }}", WHERE), v)).isTrue();
        assertThat(templater.test(new Expr("{{ port }} == 8080", WHERE), v)).isTrue();
        assertThatThrownBy(() -> templater.test(new Expr("{{ flag }}", WHERE), v))
            .hasMessageContaining("undefined variable 'no'").hasMessageContaining("read again as an expression");
        assertThatThrownBy(() -> templater.test(new Expr("{{ other }}", WHERE), v))
            .hasMessageContaining("undefined variable 'Yes'");
        // a bare name holding "no" is a non-empty string: true, as in Ansible (hence '| bool')
        assertThat(templater.test(new Expr("flag", WHERE), v)).isTrue();
        assertThat(templater.test(new Expr("flag | bool", WHERE), v)).isFalse();
        assertThat(templater.test(new Expr("word", WHERE), v)).isTrue();
    }

    @Test
    void syntaxErrorsAreReportedPlainly() {
        assertThatThrownBy(() -> render("{{ port + }}"))
            .isInstanceOf(TemplateException.class)
            .hasMessage("syntax error in expression 'port +': it ends too early in \"{{ port + }}\"");
        assertThatThrownBy(() -> render("{% if port %}x"))
            .hasMessage("syntax error: {% if port %} is never closed (missing {% endif %}) in \"{% if port %}x\"");
        assertThatThrownBy(() -> render("a {% frob %}"))
            .hasMessage("syntax error: unknown tag 'frob' in \"a {% frob %}\"");
        assertThatThrownBy(() -> render("{{ name name }}"))
            .hasMessage("syntax error in expression 'name name': unexpected 'name' in \"{{ name name }}\"");
        assertThatThrownBy(() -> render("x {{ name }"))
            .hasMessage("syntax error: a '{{' is not closed by '}}' in \"x {{ name }\"");
    }

    @Test
    void unknownFiltersAndTestsAreErrors() {
        assertThatThrownBy(() -> render("{{ name | uper }}"))
            .hasMessage("no filter named 'uper' (did you mean 'upper'?) in \"{{ name | uper }}\"");
        assertThatThrownBy(() -> render("{{ name is strng }}"))
            .hasMessage("no test named 'strng' (did you mean 'string'?) in \"{{ name is strng }}\"");
    }

    @Test
    void renderTextRendersWholeFilesAndPointsAtTheLine() throws Exception {
        String template = "server {\n  listen {{ port }};\n{% for p in packages | unique %}\n  # {{ p }}\n{% endfor %}\n}\n";
        assertThat(templater.renderText(template, vars(), SourceSpan.of("site.conf.j2", 1, 1)))
            .isEqualTo("server {\n  listen 8080;\n  # nginx\n  # php-fpm\n}\n");
        String broken = "line one\nline two\nroot {{ webroot }};\n";
        assertThatThrownBy(() -> templater.renderText(broken, vars(), SourceSpan.of("site.conf.j2", 1, 1)))
            .isInstanceOfSatisfying(TemplateException.class, e -> {
                assertThat(e.getMessage()).isEqualTo("undefined variable 'webroot' in line 3 \"root {{ webroot }};\"");
                assertThat(e.span()).isEqualTo(SourceSpan.of("site.conf.j2", 3, 1));
            });
    }

    @Test
    void pythonStringMethodsWork() throws Exception {
        assertThat(render("{{ name.startswith('we') }}")).isEqualTo(true);
        assertThat(render("{{ 'a,b,,c'.split(',') }}")).isEqualTo(List.of("a", "b", "", "c"));
        assertThat(render("{{ '  a  b '.split() }}")).isEqualTo(List.of("a", "b"));
        assertThat(render("{{ '--x--'.strip('-') }}")).isEqualTo("x");
        assertThat(render("{{ name.upper() }}")).isEqualTo("WEB");
        assertThat(render("{{ name[0] }}{{ name[-1] }}{{ name[1:] }}")).isEqualTo("wbeb");
        assertThatThrownBy(() -> render("{{ name[9] }}"))
            .hasMessage("undefined variable 'name[9]' in \"{{ name[9] }}\": the string has no character 9 (it has 3)");
        assertThat(render("{{ 'one\ntwo\n'.splitlines() }}")).isEqualTo(List.of("one", "two"));
    }

    @Test
    void jinja2SyntaxThatJinjavaAloneWouldReject() throws Exception {
        assertThat(render("{{ 'port 8080' | regex_search('\\d+') }}")).isEqualTo("8080");
        assertThat(render("{{ 'a\\d' | length }}")).isEqualTo(3);
        // a YAML string: backslashes inside {{ }} literals are doubled first (Ansible's rule)
        assertThat(render("{{ 'a\\\\d' | length }}")).isEqualTo(4);
        assertThat(render("{{ 'tab\\there' }}")).isEqualTo("tab\\there");
        // a template file: Python's escapes
        assertThat(templater.renderText("{{ 'a\\\\d' | length }}", vars(), WHERE)).isEqualTo("3");
        assertThat(templater.renderText("{{ 'tab\\there' }}", vars(), WHERE)).isEqualTo("tab\there");
        assertThat(templater.renderText("{{ '\\x41\\u00e9' }}", vars(), WHERE)).isEqualTo("A\u00e9");
        assertThat(render("{% if name | upper is match('WE') %}yes{% endif %}")).isEqualTo("yes");
        assertThat(render("{{ result.x | default('') is string }}")).isEqualTo(true);
        assertThat(render("{{name}}:{{port}}")).isEqualTo("web:8080");
        assertThat(render("{% raw %}{{ '\\d' }}{% endraw %}")).isEqualTo("{{ '\\d' }}");
        assertThat(render("{# a '\\d' comment #}{{ name }}")).isEqualTo("web");
        assertThat(render("{% macro tag(x) %}<{{ x }}>{% endmacro %}{{ tag(name) }}")).isEqualTo("<web>");
        assertThat(render("{% set acc = [] %}{% for p in packages %}{% do acc.append(p | upper) %}{% endfor %}{{ acc | unique | join(',') }}"))
            .isEqualTo("NGINX,PHP-FPM");
    }

    @Test
    void templatesCannotReadOtherFiles() {
        assertThatThrownBy(() -> render("{% include 'META-INF/MANIFEST.MF' %}"))
            .hasMessage("templates cannot include other files ('META-INF/MANIFEST.MF') in \"{% include 'META-INF/MANIFEST.MF' %}\"");
        assertThatThrownBy(() -> render("{% import 'macros.j2' as m %}"))
            .hasMessageStartingWith("templates cannot include other files ('macros.j2')");
    }

    @Test
    void parallelRendersGiveTheirOwnResults() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    Map<String, Object> v = Map.of("n", n, "items", List.of(n, n + 1), "m", Map.of("k", "v" + n));
                    Object native1 = templater.render("{{ items | map('string') | join('-') }}", v, WHERE);
                    Object text = templater.render("{{ m.k }}:{% for i in items %}{{ i * 2 }},{% endfor %}", v, WHERE);
                    boolean missing = templater.test(new Expr("m.x is defined", WHERE), v);
                    return native1 + "|" + text + "|" + missing;
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get(30, TimeUnit.SECONDS))
                    .isEqualTo(i + "-" + (i + 1) + "|v" + i + ":" + (2 * i) + "," + (2 * i + 2) + ",|false");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

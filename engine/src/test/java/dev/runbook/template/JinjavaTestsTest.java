package dev.runbook.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.model.Expr;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jinja2's and Ansible's tests ({@code x is name}), with the results Ansible gives. */
class JinjavaTestsTest extends TemplateFixtures {

    @Test
    void definedUndefinedNone() throws Exception {
        assertThat(test("name is defined")).isTrue();
        assertThat(test("webroot is defined")).isFalse();
        assertThat(test("webroot is undefined")).isTrue();
        assertThat(test("config.db.host is defined")).isTrue();
        assertThat(test("config.db.user is undefined")).isTrue();
        assertThat(test("nothing is none")).isTrue();
        assertThat(test("name is none")).isFalse();
        assertThat(test("nothing is not none")).isFalse();
    }

    @Test
    void truthyAndFalsy() throws Exception {
        assertThat(test("name is truthy")).isTrue();
        assertThat(test("blank is falsy")).isTrue();
        assertThat(test("[] is falsy")).isTrue();
        assertThat(test("'no' is truthy")).isTrue();
        assertThat(test("'no' is truthy(convert_bool=true)")).isFalse();
        assertThat(test("'yes' is falsy(convert_bool=true)")).isFalse();
    }

    @Test
    void typeTests() throws Exception {
        assertThat(test("name is string")).isTrue();
        assertThat(test("port is string")).isFalse();
        assertThat(test("packages is string")).isFalse();
        assertThat(test("port is number")).isTrue();
        assertThat(test("ratio is number")).isTrue();
        assertThat(test("'8080' is number")).isFalse();
        assertThat(test("config is mapping")).isTrue();
        assertThat(test("packages is mapping")).isFalse();
        assertThat(test("packages is iterable")).isTrue();
        assertThat(test("config is iterable")).isTrue();
        assertThat(test("name is iterable")).isTrue();
        assertThat(test("port is iterable")).isFalse();
        assertThat(test("packages is sequence")).isTrue();
        assertThat(test("port is sequence")).isFalse();
    }

    @Test
    void regexTests() throws Exception {
        assertThat(test("'foobar' is match('foo')")).isTrue();
        assertThat(test("'foobar' is match('bar')")).isFalse();
        assertThat(test("'foobar' is search('bar')")).isTrue();
        assertThat(test("'foobar' is search('baz')")).isFalse();
        assertThat(test("'foobar' is regex('^f.*r$')")).isTrue();
        assertThat(test("'FOOBAR' is search('bar', ignorecase=true)")).isTrue();
        assertThat(test("'foobar' is regex('foo', match_type='fullmatch')")).isFalse();
        assertThat(test("'line1\nline2' is search('^line2$', multiline=true)")).isTrue();
        assertThat(test("'port 8080' is search('\\d{4}')")).isTrue();
        assertThat(test("result.stdout | default('') is match('o')")).isTrue();
    }

    @Test
    void versionTest() throws Exception {
        Map<String, Object> v = Map.of("ansible_version", "4.0.2.3", "kernel", "5.10.0-21-amd64");
        assertThat(templater.test(new Expr("ansible_version is version('4.0.10.0', '<')", WHERE), v)).isTrue();
        assertThat(templater.test(new Expr("ansible_version is version('4.0.2.3', '<')", WHERE), v)).isFalse();
        assertThat(templater.test(new Expr("ansible_version is version('4.0.2.3', '<=')", WHERE), v)).isTrue();
        assertThat(templater.test(new Expr("ansible_version is version('4.0.2.3')", WHERE), v)).isTrue();
        assertThat(templater.test(new Expr("kernel is version('5.4', '>=')", WHERE), v)).isTrue();
        assertThat(test("'4.0.2.3' is version('4.0.10.0', 'lt')")).isTrue();
        assertThat(test("'1.10' is version('1.9', 'gt')")).isTrue();
        assertThat(test("'1.10' is version('1.10', 'ge')")).isTrue();
        assertThat(test("'1.10' is version('1.11', 'le')")).isTrue();
        assertThat(test("'1.10' is version('1.10', 'eq')")).isTrue();
        assertThat(test("'1.10' is version('1.10', '==')")).isTrue();
        assertThat(test("'1.10' is version('1.1', 'ne')")).isTrue();
        assertThat(test("'1.10' is version('1.1', '!=')")).isTrue();
        assertThat(test("'2.0' is version_compare('1.9', '>=')")).isTrue();
        assertThat(test("'1.0' is version('1.0.0', '<')")).isTrue();
        assertThat(test("'1.0a' is version('1.0b', '<')")).isTrue();
        assertThat(test("'1.0.0' is version('1.0.0', operator='ne')")).isFalse();
        assertThatThrownBy(() -> test("'1.0a' is version('1.0.1', '<')"))
            .hasMessageStartingWith("version comparison failed: cannot compare '1.0a' with '1.0.1'");
        assertThatThrownBy(() -> test("'1.0' is version('1.0', 'newer')"))
            .hasMessageStartingWith("invalid version operator 'newer'");
        assertThatThrownBy(() -> test("'1.0' is version('1.0', 'lt', version_type='semver')"))
            .hasMessageStartingWith("version_type 'semver' is not supported");
    }

    @Test
    void resultTests() throws Exception {
        assertThat(test("result is succeeded")).isTrue();
        assertThat(test("result is success")).isTrue();
        assertThat(test("result is failed")).isFalse();
        assertThat(test("result is changed")).isTrue();
        assertThat(test("result is skipped")).isFalse();
        assertThat(test("failed_result is failed")).isTrue();
        assertThat(test("failed_result is not succeeded")).isTrue();
        assertThat(test("failed_result is changed")).isFalse();
        Map<String, Object> v = Map.of(
            "skipped", Map.of("skipped", true, "changed", false),
            "rc_only", Map.of("rc", 1),
            "loop", Map.of("results", List.of(Map.of("changed", false), Map.of("changed", true))));
        assertThat(templater.test(new Expr("skipped is skipped", WHERE), v)).isTrue();
        assertThat(templater.test(new Expr("rc_only is failed", WHERE), v)).isTrue();
        assertThat(templater.test(new Expr("loop is changed", WHERE), v)).isTrue();
        assertThat(templater.test(new Expr("loop is failed", WHERE), v)).isFalse();
        assertThatThrownBy(() -> test("name is failed"))
            .hasMessageStartingWith("the 'failed' test expects a registered result (a dict), got str");
    }

    @Test
    void membershipTests() throws Exception {
        assertThat(test("packages is contains('nginx')")).isTrue();
        assertThat(test("packages is contains('apache2')")).isFalse();
        assertThat(test("numbers is contains(2)")).isTrue();
        assertThat(test("'nginx' is in(packages)")).isTrue();
        assertThat(test("'apache2' is in(packages)")).isFalse();
        assertThat(test("'db' is in(config)")).isTrue();
        assertThat(test("[1, 2] is subset(numbers)")).isTrue();
        assertThat(test("[1, 4] is subset(numbers)")).isFalse();
        assertThat(test("numbers is superset([3, 1])")).isTrue();
        assertThat(test("numbers is superset([5])")).isFalse();
        assertThat(test("'nginx' in packages")).isTrue();
        assertThat(test("'apache2' not in packages")).isTrue();
    }

    @Test
    void testsInsideFilters() throws Exception {
        assertThat(render("{{ users | selectattr('uid', 'version', '1002', '>=') | map(attribute='name') | list }}"))
            .isEqualTo(List.of("bob", "carol"));
        assertThat(render("{{ [result, failed_result] | select('failed') | length }}")).isEqualTo(1);
    }
}

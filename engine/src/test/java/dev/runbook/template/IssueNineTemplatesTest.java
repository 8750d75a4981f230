package dev.runbook.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The differences from Ansible 2.14 found by comparing everyday expressions, each with the value
 * Ansible gives (checked against real ansible-core by AnsibleDifferentialTest; these run without
 * it). Templates are written as after YAML, in task arguments: Ansible's backslash rule applies.
 */
class IssueNineTemplatesTest extends TemplateFixtures {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
        "{{ 'Shop-Frontend' | regex_replace('^(\\w+)-(\\w+)$', '\\2-\\1') }} => Frontend-Shop",
        "{{ [3, 1, 2, 10, 2] | intersect([1, 2, 3, 10]) }} => [3, 1, 2, 10]",
        "{{ [3, 1, 2, 10, 2] | difference([1, 2]) }} => [3, 10]",
        "{{ 'a,b,,c' | split(',') }} => ['a', 'b', '', 'c']",
        "{{ [10, 20, 1] | sum }} => 31",
        "{{ users | groupby('admin', default=false) | map('first') | list }} => [False, True]",
        "{{ [1, 2, 3] | batch(2) | list }} => [[1, 2], [3]]",
        "{{ {'b': 1, 'a': 2} | to_nice_yaml }} => \"a: 2\nb: 1\n\"",
        "{{ '%s:%d' % (name, port) }} => web:8080",
        "{{ '{}-{}'.format(name, port) }} => web-8080",
        "{{ [3, 1, 2] | min }}-{{ [3, 1, 2] | max }} => 1-3",
        "{{ ['a', 'b'] | zip([1, 2]) | list }} => [('a', 1), ('b', 2)]",
        "{{ [1, 2] | product(['x']) | list }} => [(1, 'x'), (2, 'x')]",
        "{{ 'Hello World' | checksum }} => 0a4d55a8d778e5022fab701977c5d840bbc486d0",
        "{{ 'https://shop.example.com:8443/a?b=1' | urlsplit('port') }}/{{ 'https://h/x' | urlsplit('path') }} => 8443//x",
        "{{ dict([['a', 1]]) }} {{ dict(a=1) }} => {'a': 1} {'a': 1}",
        "{{ 'port=80' | regex_search('port=(\\d+)', '\\1') }} => ['80']",
        "{{ [['a', 1], ['b', 2]] | items2dict }} => {'a': 1, 'b': 2}",
        "{{ {'b': 1, 'a': 2} | list }} => ['b', 'a']",
        "{{ 1 == '1' }} {{ port == '8080' }} => False False",
        "{{ 7 / 2 }} {{ 7 // 2 }} {{ -7 % 3 }} {{ 2 ** -1 }} => 3.5 3 2 0.5",
        "{{ none }} => \"\"",
    })
    void rendersWhatAnsibleRenders(String template, String expected) throws Exception {
        assertThat(render("<" + template + ">")).isEqualTo("<" + expected.replace("\\n", "\n") + ">");
    }

    @Test
    void errorsWhereAnsibleFails() {
        assertThatThrownBy(() -> render("{{ 'a' + 1 }}")).hasMessageContaining("can only concatenate str (not \"int\") to str");
        assertThatThrownBy(() -> render("{{ 1 / 0 }}")).hasMessageContaining("division by zero");
        assertThatThrownBy(() -> render("{{ 1 < 'a' }}")).hasMessageContaining("'<' not supported between instances of 'int' and 'str'");
    }

    @Test
    void backslashesAreDoubledInYamlStringsButNotInTemplateFiles() throws Exception {
        assertThat(render("{{ 'a\\nb' | length }}")).isEqualTo(4);
        assertThat(templater.renderText("{{ 'a\\nb' | length }}", vars(), WHERE)).isEqualTo("3");
        assertThat(render("{% if 'a\\nb' | length == 3 %}tag{% endif %}")).isEqualTo("tag");
    }
}

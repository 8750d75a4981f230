package dev.runbook.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ansible's filters, with the results Ansible gives. */
class JinjavaFiltersTest extends TemplateFixtures {

    @Test
    void mandatory() throws Exception {
        assertThat(render("{{ port | mandatory }}")).isEqualTo(8080);
        assertThatThrownBy(() -> render("{{ webroot | mandatory }}"))
            .isInstanceOfSatisfying(TemplateException.class, e -> {
                assertThat(e.getMessage()).isEqualTo("mandatory variable 'webroot' is not defined in \"{{ webroot | mandatory }}\"");
                assertThat(e.undefinedVariable()).isEqualTo("webroot");
            });
        assertThatThrownBy(() -> render("{{ webroot | mandatory('set webroot in group_vars') }}"))
            .hasMessageStartingWith("set webroot in group_vars in ");
    }

    @Test
    void bool() throws Exception {
        assertThat(render("{{ 'yes' | bool }}")).isEqualTo(true);
        assertThat(render("{{ 'True' | bool }}")).isEqualTo(true);
        assertThat(render("{{ 'on' | bool }}")).isEqualTo(true);
        assertThat(render("{{ '1' | bool }}")).isEqualTo(true);
        assertThat(render("{{ 1 | bool }}")).isEqualTo(true);
        assertThat(render("{{ 'no' | bool }}")).isEqualTo(false);
        assertThat(render("{{ 'maybe' | bool }}")).isEqualTo(false);
        assertThat(render("{{ 0 | bool }}")).isEqualTo(false);
        assertThat(render("{{ nothing | bool }}")).isNull(); // Ansible: None stays None
        assertThat(render("{{ enabled | bool }}")).isEqualTo(true);
    }

    @Test
    void intAndFloat() throws Exception {
        assertThat(render("{{ '42' | int }}")).isEqualTo(42);
        assertThat(render("{{ '4.7' | int }}")).isEqualTo(4);
        assertThat(render("{{ 3.9 | int }}")).isEqualTo(3);
        assertThat(render("{{ 'abc' | int }}")).isEqualTo(0);
        assertThat(render("{{ 'abc' | int(5) }}")).isEqualTo(5);
        assertThat(render("{{ '0x1A' | int(0, 16) }}")).isEqualTo(26);
        assertThat(render("{{ true | int }}")).isEqualTo(1);
        assertThat(render("{{ '1.5' | float }}")).isEqualTo(1.5);
        assertThat(render("{{ 2 | float }}")).isEqualTo(2.0);
        assertThat(render("{{ 'x' | float }}")).isEqualTo(0.0);
        assertThat(render("{{ '8080' | int + 1 }}")).isEqualTo(8081);
    }

    @Test
    void string() throws Exception {
        assertThat(render("{{ port | string }}")).isEqualTo("8080");
        assertThat(render("{{ [1, 'a'] | string }}")).isEqualTo("[1, 'a']");
        assertThat(render("{{ enabled | string }}")).isEqualTo("True");
        assertThat(render("{{ nothing | string }}")).isEqualTo("None");
    }

    @Test
    void textFilters() throws Exception {
        assertThat(render("{{ 'WeB' | lower }}")).isEqualTo("web");
        assertThat(render("{{ name | upper }}")).isEqualTo("WEB");
        assertThat(render("{{ '  x \n' | trim }}")).isEqualTo("x");
        assertThat(render("{{ 'a-b-c' | replace('-', '_') }}")).isEqualTo("a_b_c");
        assertThat(render("{{ 'a-b-c' | replace('-', '_', 1) }}")).isEqualTo("a_b-c");
        assertThat(render("{{ packages | join(', ') }}")).isEqualTo("nginx, php-fpm, nginx");
        assertThat(render("{{ numbers | join }}")).isEqualTo("312");
    }

    @Test
    void lengthFirstLast() throws Exception {
        assertThat(render("{{ packages | length }}")).isEqualTo(3);
        assertThat(render("{{ 'abc' | length }}")).isEqualTo(3);
        assertThat(render("{{ config | length }}")).isEqualTo(1);
        assertThat(render("{{ packages | count }}")).isEqualTo(3);
        assertThat(render("{{ packages | first }}")).isEqualTo("nginx");
        assertThat(render("{{ numbers | last }}")).isEqualTo(2);
        assertThat(render("{{ 'abc' | first }}")).isEqualTo("a");
        assertThat(render("{{ [] | first | default('none') }}")).isEqualTo("none");
        assertThatThrownBy(() -> render("{{ [] | last }}"))
            .hasMessage("'last' of an empty list has no value in \"{{ [] | last }}\"");
    }

    @Test
    void uniqueSortFlatten() throws Exception {
        assertThat(render("{{ packages | unique }}")).isEqualTo(List.of("nginx", "php-fpm"));
        assertThat(render("{{ numbers | sort }}")).isEqualTo(List.of(1, 2, 3));
        assertThat(render("{{ numbers | sort(reverse=true) }}")).isEqualTo(List.of(3, 2, 1));
        assertThat(render("{{ ['b', 'A', 'c'] | sort }}")).isEqualTo(List.of("A", "b", "c"));
        assertThat(render("{{ ['b', 'A', 'c'] | sort(case_sensitive=true) }}")).isEqualTo(List.of("A", "b", "c"));
        assertThat(render("{{ users | sort(attribute='uid', reverse=true) | map(attribute='name') | list }}"))
            .isEqualTo(List.of("carol", "bob", "alice"));
        assertThat(render("{{ [1, [2, [3]]] | flatten }}")).isEqualTo(List.of(1, 2, 3));
        assertThat(render("{{ [1, [2, [3]]] | flatten(1) }}")).isEqualTo(List.of(1, 2, List.of(3)));
    }

    @Test
    void map() throws Exception {
        assertThat(render("{{ users | map(attribute='name') | list }}")).isEqualTo(List.of("alice", "bob", "carol"));
        assertThat(render("{{ packages | map('upper') | list }}")).isEqualTo(List.of("NGINX", "PHP-FPM", "NGINX"));
        assertThat(render("{{ packages | map('replace', '-', '_') | list }}")).isEqualTo(List.of("nginx", "php_fpm", "nginx"));
        assertThat(render("{{ users | map(attribute='admin', default=false) | list }}")).isEqualTo(List.of(true, false, false));
        assertThat(render("{{ config | dict2items | map(attribute='value.port') | list }}")).isEqualTo(List.of(3306));
        assertThatThrownBy(() -> render("{{ users | map(attribute='admin') | list }}"))
            .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.undefinedVariable()).isEqualTo("admin"));
    }

    @Test
    void selectAndReject() throws Exception {
        assertThat(render("{{ numbers | select('>', 1) | list }}")).isEqualTo(List.of(3, 2));
        assertThat(render("{{ numbers | reject('odd') | list }}")).isEqualTo(List.of(2));
        assertThat(render("{{ ['a', '', none, 0, 'b'] | select | list }}")).isEqualTo(List.of("a", "b"));
        assertThat(render("{{ ['a', ''] | reject | list }}")).isEqualTo(List.of(""));
        assertThat(render("{{ packages | select('match', 'php') | list }}")).isEqualTo(List.of("php-fpm"));
        assertThat(render("{{ users | selectattr('admin', 'defined') | map(attribute='name') | list }}"))
            .isEqualTo(List.of("alice", "bob"));
        assertThat(render("{{ users | selectattr('uid', '>', 1001) | map(attribute='name') | list }}"))
            .isEqualTo(List.of("bob", "carol"));
        assertThat(render("{{ users | selectattr('name', 'equalto', 'bob') | map(attribute='uid') | first }}"))
            .isEqualTo(1002);
        assertThat(render("{{ users | rejectattr('admin', 'defined') | map(attribute='name') | list }}"))
            .isEqualTo(List.of("carol"));
        assertThat(render("{{ users[:2] | selectattr('admin') | map(attribute='name') | list }}")).isEqualTo(List.of("alice"));
    }

    @Test
    void dict2itemsAndItems2dict() throws Exception {
        assertThat(render("{{ {'a': 1, 'b': 2} | dict2items }}"))
            .isEqualTo(List.of(Map.of("key", "a", "value", 1), Map.of("key", "b", "value", 2)));
        assertThat(render("{{ {'a': 1} | dict2items(key_name='k', value_name='v') }}")).isEqualTo(List.of(Map.of("k", "a", "v", 1)));
        assertThat(render("{{ [{'key': 'a', 'value': 1}, {'key': 'b', 'value': 2}] | items2dict }}")).isEqualTo(Map.of("a", 1, "b", 2));
        assertThat(render("{{ users | items2dict(key_name='name', value_name='uid') }}"))
            .isEqualTo(Map.of("alice", 1001, "bob", 1002, "carol", 1003));
        assertThatThrownBy(() -> render("{{ [1] | items2dict }}"))
            .hasMessageStartingWith("items2dict expects a list of dicts with keys 'key' and 'value', got an int");
        Map<String, Object> secret = Map.of("creds", List.of(Map.of("key", "db", "val", "s3cret")), "blob", "{s3cret");
        assertThatThrownBy(() -> templater.render("{{ creds | items2dict }}", secret, WHERE))
            .hasMessageStartingWith("items2dict expects a list of dicts with keys 'key' and 'value', got a dict with keys [")
            .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> templater.render("{{ blob | from_json }}", secret, WHERE))
            .hasMessageStartingWith("from_json: not valid JSON (line 1, column ")
            .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> render("{{ packages | dict2items }}")).hasMessageStartingWith("dict2items expects a dict, got list");
    }

    @Test
    void combine() throws Exception {
        String base = "{'a': 1, 'b': {'x': 1}, 'l': [1]}";
        assertThat(render("{{ " + base + " | combine({'b': {'y': 2}}) }}"))
            .isEqualTo(Map.of("a", 1, "b", Map.of("y", 2), "l", List.of(1)));
        assertThat(render("{{ " + base + " | combine({'b': {'y': 2}}, recursive=true) }}"))
            .isEqualTo(Map.of("a", 1, "b", Map.of("x", 1, "y", 2), "l", List.of(1)));
        assertThat(render("{{ " + base + " | combine({'l': [2]}, list_merge='append') }}"))
            .isEqualTo(Map.of("a", 1, "b", Map.of("x", 1), "l", List.of(1, 2)));
        assertThat(render("{{ {'a': 1} | combine({'a': 2}, {'c': 3}) }}")).isEqualTo(Map.of("a", 2, "c", 3));
        assertThat(render("{{ {'a': 1} | combine([{'a': 2}, {'a': 4}]) }}")).isEqualTo(Map.of("a", 4));
    }

    @Test
    void regexSearch() throws Exception {
        assertThat(render("{{ 'server01.example.com' | regex_search('server[0-9]+') }}")).isEqualTo("server01");
        assertThat(render("{{ 'abc' | regex_search('[0-9]+') }}")).isNull();
        assertThat(render("{{ 'name: web port: 80' | regex_search('name: (\\w+) port: (?P<port>\\d+)', '\\1', '\\g<port>') }}"))
            .isEqualTo(List.of("web", "80"));
        // as a YAML string: '\\1' reaches the filter as two backslashes and a 1, which Ansible rejects
        assertThatThrownBy(() -> render("{{ 'web' | regex_search('(w)', '\\\\1') }}")).hasMessageContaining("regex_search");
        assertThat(render("{{ 'HELLO' | regex_search('hello', ignorecase=true) }}")).isEqualTo("HELLO");
        assertThat(render("{{ 'a\nfoo' | regex_search('^foo', multiline=true) }}")).isEqualTo("foo");
        assertThat(render("{{ 'abc' | regex_search('[0-9]+') is none }}")).isEqualTo(true);
        assertThatThrownBy(() -> render("{{ 'a' | regex_search('(') }}"))
            .hasMessageStartingWith("invalid regular expression '(': Unclosed group");
    }

    @Test
    void regexReplaceFindallEscape() throws Exception {
        assertThat(render("{{ 'hello world' | regex_replace('o', '0') }}")).isEqualTo("hell0 w0rld");
        // written as in a playbook (after YAML): Ansible doubles backslashes inside {{ }} first
        assertThat(render("{{ 'ansible' | regex_replace('^a.*i(.*)$', 'a\\1') }}")).isEqualTo("able");
        assertThat(render("{{ 'ansible' | regex_replace('^a.*i(.*)$', 'a\\\\1') }}")).isEqualTo("a\\1");
        assertThat(render("{{ 'localhost:80' | regex_replace('^(?P<host>.+):(?P<port>\\d+)$', '\\g<host>, \\g<port>') }}"))
            .isEqualTo("localhost, 80");
        assertThat(render("{{ 'aaa' | regex_replace('a', 'b', count=2) }}")).isEqualTo("bba");
        assertThat(render("{{ 'a$b' | regex_replace('\\$', '\\$') }}")).isEqualTo("a\\$b");
        assertThat(render("{{ 'a1b22c333' | regex_findall('\\d+') }}")).isEqualTo(List.of("1", "22", "333"));
        assertThat(render("{{ 'k1=v1 k2=v2' | regex_findall('(\\w+)=(\\w+)') }}"))
            .isEqualTo(List.of(List.of("k1", "v1"), List.of("k2", "v2")));
        assertThat(render("{{ 'k1=v1 k2=v2' | regex_findall('(\\w+)=') }}")).isEqualTo(List.of("k1", "k2"));
        assertThat(render("{{ '^f.*o(.*)$' | regex_escape }}")).isEqualTo("\\^f\\.\\*o\\(\\.\\*\\)\\$");
    }

    @Test
    void paths() throws Exception {
        assertThat(render("{{ '/etc/nginx/nginx.conf' | basename }}")).isEqualTo("nginx.conf");
        assertThat(render("{{ '/etc/nginx/nginx.conf' | dirname }}")).isEqualTo("/etc/nginx");
        assertThat(render("{{ '/etc/' | basename }}")).isEqualTo("");
        assertThat(render("{{ '/etc' | dirname }}")).isEqualTo("/");
        assertThat(render("{{ 'file' | dirname }}")).isEqualTo("");
        assertThat(render("{{ 'nginx.conf' | splitext }}")).isEqualTo(List.of("nginx", ".conf"));
        assertThat(render("{{ '/a/b.tar.gz' | splitext }}")).isEqualTo(List.of("/a/b.tar", ".gz"));
        assertThat(render("{{ '.bashrc' | splitext }}")).isEqualTo(List.of(".bashrc", ""));
        assertThat(render("{{ ['/etc', 'nginx', 'x.conf'] | path_join }}")).isEqualTo("/etc/nginx/x.conf");
        assertThat(render("{{ ['a/', 'b', '/c'] | path_join }}")).isEqualTo("/c");
    }

    @Test
    void json() throws Exception {
        assertThat(render("{{ {'a': 1, 'b': [true, none, 1.5, 'x']} | to_json }}")).isEqualTo("{\"a\": 1, \"b\": [true, null, 1.5, \"x\"]}");
        assertThat(render("{{ {'b': [1, 2], 'a': {}} | to_nice_json }}"))
            .isEqualTo("{\n    \"a\": {},\n    \"b\": [\n        1,\n        2\n    ]\n}");
        assertThat(render("{{ {'b': 1} | to_nice_json(indent=2) }}")).isEqualTo("{\n  \"b\": 1\n}");
        assertThat(render("{{ 'é\"' | to_json }}")).isEqualTo("\"\\u00e9\\\"\"");
        assertThat(render("{{ '{\"a\": [1, 2.5, \"x\", null, false]}' | from_json }}"))
            .isEqualTo(Map.of("a", Arrays.asList(1, 2.5, "x", null, false)));
        assertThatThrownBy(() -> render("{{ '{oops' | from_json }}")).hasMessageStartingWith("from_json: not valid JSON");
    }

    @Test
    void yaml() throws Exception {
        assertThat(render("{{ {'a': 1, 'b': ['x', 'y']} | to_yaml }}")).isEqualTo("a: 1\nb: [x, y]\n");
        assertThat(render("{{ {'a': {'c': 1}, 'b': ['x', 'y']} | to_nice_yaml }}")).isEqualTo("a:\n    c: 1\nb:\n- x\n- y\n");
        assertThat(render("{{ 'a: 1\nb: [x, y]\nc: ~' | from_yaml }}")).isEqualTo(yamlExpected());
        assertThatThrownBy(() -> render("{{ 'a: [' | from_yaml }}")).hasMessageStartingWith("from_yaml: not valid YAML");
    }

    private static Map<String, Object> yamlExpected() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("a", 1);
        m.put("b", List.of("x", "y"));
        m.put("c", null);
        return m;
    }

    @Test
    void base64HashQuote() throws Exception {
        assertThat(render("{{ 'hello' | b64encode }}")).isEqualTo("aGVsbG8=");
        assertThat(render("{{ 'aGVsbG8=' | b64decode }}")).isEqualTo("hello");
        assertThat(render("{{ 'héllo' | b64encode | b64decode }}")).isEqualTo("héllo");
        assertThat(render("{{ 'hello' | hash }}")).isEqualTo("aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d");
        assertThat(render("{{ 'hello' | hash('sha1') }}")).isEqualTo("aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d");
        assertThat(render("{{ 'hello' | hash('md5') }}")).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(render("{{ 'hello' | hash('sha256') }}")).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThatThrownBy(() -> render("{{ 'x' | hash('crc') }}")).hasMessageStartingWith("hash: unknown hash type 'crc'");
        assertThat(render("{{ \"it's\" | quote }}")).isEqualTo("'it'\"'\"'s'");
        assertThat(render("{{ 'abc' | quote }}")).isEqualTo("abc");
        assertThat(render("echo {{ 'a b; rm -rf /' | quote }}")).isEqualTo("echo 'a b; rm -rf /'");
    }

    @Test
    void ternary() throws Exception {
        assertThat(render("{{ enabled | ternary('on', 'off') }}")).isEqualTo("on");
        assertThat(render("{{ (port < 80) | ternary('low', 'high') }}")).isEqualTo("high");
        assertThat(render("{{ nothing | ternary('y', 'n', 'null') }}")).isEqualTo("null");
        assertThat(render("{{ nothing | ternary('y', 'n') }}")).isEqualTo("n");
    }

    @Test
    void versionCompareFilter() throws Exception {
        assertThat(render("{{ '4.0.2.3' | version_compare('4.0.10.0', '<') }}")).isEqualTo(true);
        assertThat(render("{{ '1.10' | version_compare('1.9', 'gt') }}")).isEqualTo(true);
        assertThat(render("{{ '1.0' | version_compare('1.0') }}")).isEqualTo(true);
        assertThat(render("{{ '1.0' | version('1.0.0', 'lt') }}")).isEqualTo(true);
        assertThatThrownBy(() -> render("{{ '1.0' | version_compare('1.1', 'lesser') }}"))
            .hasMessageStartingWith("invalid version operator 'lesser'");
    }
}

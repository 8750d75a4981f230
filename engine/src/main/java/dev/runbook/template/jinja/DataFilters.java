package dev.runbook.template.jinja;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** to_json, to_nice_json, from_json, to_yaml, to_nice_yaml, from_yaml. */
final class DataFilters {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DataFilters() {
    }

    static List<Filter> all() {
        return List.of(
            new FilterFn("to_json", (v, a, k) -> ascii(Json.write(Natives.plain(v), indent(a, k, -1),
                Py.truthy(k.get("sort_keys"))), k)),
            new FilterFn("to_nice_json", (v, a, k) -> ascii(Json.write(Natives.plain(v), indent(a, k, 4), true), k)),
            new FilterFn("from_json", DataFilters::fromJson),
            new FilterFn("to_yaml", (v, a, k) -> toYaml(v, indent(a, k, 2), FlowStyle.AUTO)),
            new FilterFn("to_nice_yaml", (v, a, k) -> toYaml(v, indent(a, k, 4), FlowStyle.BLOCK)),
            new FilterFn("from_yaml", DataFilters::fromYaml),
            new FilterFn("from_yaml_all", DataFilters::fromYamlAll));
    }

    private static int indent(Object[] args, Map<String, Object> kwargs, int dflt) {
        Object v = Py.arg(args, kwargs, 0, "indent", null);
        return v instanceof Number n ? n.intValue() : dflt;
    }

    private static Object fromJson(Object v, Object[] args, Map<String, Object> kwargs) {
        try {
            return Natives.plain(JSON.readValue(Py.str(v), Object.class));
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the input, which may be a secret
            throw new FilterFailure("from_json: not valid JSON (line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    /** Like PyYAML: AUTO keeps lists of plain values on one line, and sequences are not indented. */
    private static Object toYaml(Object v, int indent, FlowStyle style) {
        DumpSettings settings = DumpSettings.builder()
            .setDefaultFlowStyle(style)
            .setIndent(indent)
            .setWidth(80)
            .setSchema(new PyYaml.Schema11())
            .build();
        return new Dump(settings).dumpToString(sorted(Natives.plain(v)));
    }

    /** PyYAML's dump sorts the keys of every mapping. */
    private static Object sorted(Object v) {
        if (v instanceof Map<?, ?> m) {
            List<Object> keys = new java.util.ArrayList<>(m.keySet());
            keys.sort((a, b) -> PyOps.compare(a, b, "<"));
            Map<Object, Object> out = new java.util.LinkedHashMap<>();
            keys.forEach(k -> out.put(k, sorted(m.get(k))));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new java.util.ArrayList<>();
            l.forEach(o -> out.add(sorted(o)));
            return out;
        }
        return v;
    }

    private static final java.util.regex.Pattern U_ESCAPE = java.util.regex.Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u([0-9a-f]{4})");

    /** ensure_ascii=false: characters beyond ASCII are written as themselves. */
    private static String ascii(String json, Map<String, Object> kwargs) {
        if (!kwargs.containsKey("ensure_ascii") || Py.truthy(kwargs.get("ensure_ascii"))) {
            return json;
        }
        return U_ESCAPE.matcher(json).replaceAll(r -> {
            int c = Integer.parseInt(r.group(2), 16);
            return java.util.regex.Matcher.quoteReplacement(r.group(1) + (c >= 0x7f ? String.valueOf((char) c) : "\\u" + r.group(2)));
        });
    }

    private static Object fromYamlAll(Object v, Object[] args, Map<String, Object> kwargs) {
        try {
            java.util.List<Object> docs = new java.util.ArrayList<>();
            new Load(LoadSettings.builder().setSchema(new PyYaml.Schema11()).build()).loadAllFromString(Py.str(v))
                .forEach(d -> docs.add(Natives.plain(d)));
            return docs;
        } catch (YamlEngineException e) {
            throw new FilterFailure("from_yaml_all: not valid YAML: " + e.getMessage());
        }
    }

    private static Object fromYaml(Object v, Object[] args, Map<String, Object> kwargs) {
        try {
            return Natives.plain(new Load(LoadSettings.builder().setSchema(new PyYaml.Schema11()).build()).loadFromString(Py.str(v)));
        } catch (YamlEngineException e) {
            throw new FilterFailure("from_yaml: not valid YAML: " + e.getMessage());
        }
    }
}

package dev.runbook.template.jinja;

import com.hubspot.jinjava.lib.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/** regex_search, regex_replace, regex_findall, regex_escape with Python's re semantics. */
final class RegexFilters {
    private static final String SPECIAL = "()[]{}?*+-|^$\\.&~# \t\n\r\u000b\f";

    private RegexFilters() {
    }

    static List<Filter> all() {
        return List.of(
            new FilterFn("regex_search", RegexFilters::search),
            new FilterFn("regex_replace", RegexFilters::replace),
            new FilterFn("regex_findall", RegexFilters::findall),
            new FilterFn("regex_escape", (v, a, k) -> escape(Py.str(v))));
    }

    static PyRegex regex(Object pattern, Map<String, Object> kwargs) {
        return PyRegex.compile(Py.str(pattern), Py.truthy(kwargs.get("ignorecase")), Py.truthy(kwargs.get("multiline")));
    }

    private static Object search(Object v, Object[] args, Map<String, Object> kwargs) {
        PyRegex re = regex(Py.arg(args, kwargs, 0, "regex", ""), kwargs);
        Matcher m = re.pattern().matcher(Py.str(v));
        if (!m.find()) {
            return null;
        }
        if (args.length <= 1) {
            return m.group();
        }
        List<Object> groups = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            groups.add(re.groupOrNone(m, PyRegex.refOf(Py.str(args[i]))));
        }
        return groups;
    }

    private static Object replace(Object v, Object[] args, Map<String, Object> kwargs) {
        PyRegex re = regex(Py.arg(args, kwargs, 0, "pattern", ""), kwargs);
        String replacement = Py.strArg(args, kwargs, 1, "replacement", "");
        Object countArg = kwargs.get("count");
        int count = countArg instanceof Number n ? n.intValue() : 0;
        Matcher m = re.pattern().matcher(Py.str(v));
        StringBuilder sb = new StringBuilder();
        int done = 0;
        while ((count == 0 || done < count) && m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(re.expand(m, replacement)));
            done++;
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static Object findall(Object v, Object[] args, Map<String, Object> kwargs) {
        PyRegex re = regex(Py.arg(args, kwargs, 0, "regex", ""), kwargs);
        Matcher m = re.pattern().matcher(Py.str(v));
        List<Object> out = new ArrayList<>();
        while (m.find()) {
            if (m.groupCount() == 0) {
                out.add(m.group());
            } else if (m.groupCount() == 1) {
                out.add(m.group(1) == null ? "" : m.group(1));
            } else {
                List<Object> tuple = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    tuple.add(m.group(i) == null ? "" : m.group(i));
                }
                out.add(new PyTuple(tuple));
            }
        }
        return out;
    }

    /** Python's re.escape. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (SPECIAL.indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}

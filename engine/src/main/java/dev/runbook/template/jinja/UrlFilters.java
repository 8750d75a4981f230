package dev.runbook.template.jinja;

import com.hubspot.jinjava.lib.filter.Filter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ansible's urlsplit: Python's urllib.parse.urlsplit as a dict, or one of its fields. */
final class UrlFilters {
    private static final Pattern URL = Pattern.compile("^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?://([^/?#]*))?([^?#]*)(?:\\?([^#]*))?(?:#(.*))?$",
        Pattern.DOTALL);

    private UrlFilters() {
    }

    static List<Filter> all() {
        return List.of(new FilterFn("urlsplit", UrlFilters::urlsplit));
    }

    private static Object urlsplit(Object v, Object[] args, Map<String, Object> kwargs) {
        Map<String, Object> parts = split(Py.str(v));
        String query = Py.strArg(args, kwargs, 0, "query", "");
        if (query.isEmpty()) {
            return parts;
        }
        if (!parts.containsKey(query)) {
            throw new FilterFailure("urlsplit: unknown URL component: " + query);
        }
        return parts.get(query);
    }

    static Map<String, Object> split(String url) {
        Matcher m = URL.matcher(url);
        m.matches();
        String netloc = m.group(2) == null ? "" : m.group(2);
        String userinfo = netloc.contains("@") ? netloc.substring(0, netloc.lastIndexOf('@')) : null;
        String hostport = netloc.substring(netloc.lastIndexOf('@') + 1);
        String host = hostport;
        String port = null;
        if (hostport.startsWith("[")) {
            int close = hostport.indexOf(']');
            host = hostport.substring(1, close < 0 ? hostport.length() : close);
            port = close >= 0 && hostport.startsWith(":", close + 1) ? hostport.substring(close + 2) : null;
        } else if (hostport.contains(":")) {
            host = hostport.substring(0, hostport.indexOf(':'));
            port = hostport.substring(hostport.indexOf(':') + 1);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fragment", m.group(5) == null ? "" : m.group(5));
        out.put("hostname", host.isEmpty() ? null : host.toLowerCase(java.util.Locale.ROOT));
        out.put("netloc", netloc);
        out.put("password", userinfo != null && userinfo.contains(":") ? userinfo.substring(userinfo.indexOf(':') + 1) : null);
        out.put("path", m.group(3));
        out.put("port", port(port));
        out.put("query", m.group(4) == null ? "" : m.group(4));
        out.put("scheme", m.group(1) == null ? "" : m.group(1).toLowerCase(java.util.Locale.ROOT));
        out.put("username", userinfo == null ? null : userinfo.contains(":") ? userinfo.substring(0, userinfo.indexOf(':')) : userinfo);
        return out;
    }

    private static Object port(String port) {
        if (port == null || port.isEmpty()) {
            return null;
        }
        if (!port.matches("\\d+") || Long.parseLong(port) > 65535) {
            throw new FilterFailure("urlsplit: port could not be cast to integer value as '" + port + "'");
        }
        return Integer.parseInt(port);
    }
}

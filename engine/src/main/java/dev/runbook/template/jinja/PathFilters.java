package dev.runbook.template.jinja;

import com.hubspot.jinjava.lib.filter.Filter;
import java.util.ArrayList;
import java.util.List;

/** Python's os.path functions on the managed host's POSIX paths (never the controller's). */
final class PathFilters {
    private PathFilters() {
    }

    static List<Filter> all() {
        return List.of(
            new FilterFn("basename", (v, a, k) -> basename(Py.str(v))),
            new FilterFn("dirname", (v, a, k) -> dirname(Py.str(v))),
            new FilterFn("splitext", (v, a, k) -> splitext(Py.str(v))),
            new FilterFn("path_join", (v, a, k) -> join(Py.list(v))));
    }

    static String basename(String p) {
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** os.path.dirname: trailing slashes of the head are dropped unless it is all slashes. */
    static String dirname(String p) {
        String head = p.substring(0, p.lastIndexOf('/') + 1);
        if (!head.isEmpty() && !head.matches("/+")) {
            head = head.replaceAll("/+$", "");
        }
        return head;
    }

    static List<Object> splitext(String p) {
        int slash = p.lastIndexOf('/');
        int dot = p.lastIndexOf('.');
        if (dot > slash) {
            int start = slash + 1;
            while (start < dot && p.charAt(start) == '.') {
                start++;
            }
            if (start < dot) {
                return PyTuple.of(p.substring(0, dot), p.substring(dot));
            }
        }
        return PyTuple.of(p, "");
    }

    /** os.path.join: an absolute part starts over. */
    static String join(List<Object> parts) {
        StringBuilder sb = new StringBuilder();
        for (Object o : parts) {
            String part = Py.str(o);
            if (part.startsWith("/")) {
                sb.setLength(0);
            } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '/') {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }
}

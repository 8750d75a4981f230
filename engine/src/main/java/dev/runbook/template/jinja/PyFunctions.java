package dev.runbook.template.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Global functions of Ansible's Jinja2 that jinjava lacks: {@code dict()}. */
public final class PyFunctions {
    private PyFunctions() {
    }

    static void registerAll(Jinjava jinjava) {
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "dict", PyFunctions.class, "dict",
            Object[].class));
    }

    /** Python's dict(): from a dict, a list of pairs, keyword arguments, or a mix. */
    public static Map<Object, Object> dict(Object... args) {
        Map<Object, Object> out = new LinkedHashMap<>();
        int positional = 0;
        for (Object a : args == null ? new Object[0] : args) {
            if (a instanceof NamedParameter p) {
                out.put(p.getName(), p.getValue());
                continue;
            }
            if (++positional > 1) {
                throw new FilterFailure("dict expected at most 1 argument, got " + positional);
            }
            if (a instanceof Map<?, ?> m) {
                out.putAll(m);
            } else {
                for (Object pair : Py.list(a)) {
                    List<Object> kv = Py.list(pair);
                    if (kv.size() != 2) {
                        throw new FilterFailure("dictionary update sequence element has length " + kv.size() + "; 2 is required");
                    }
                    out.put(kv.get(0), kv.get(1));
                }
            }
        }
        return out;
    }
}

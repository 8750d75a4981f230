package dev.runbook.template.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;

/**
 * Prints values as Ansible's Jinja2 does: True, False, 1.0 and ['a', None], where jinjava would
 * print true, false, 1 and ['a', null]; None alone prints nothing (Ansible's finalize).
 */
final class PyInterpreter extends JinjavaInterpreter {
    PyInterpreter(Jinjava jinjava, Context context, JinjavaConfig config) {
        super(jinjava, context, config);
    }

    @Override
    public String getAsString(Object object) {
        if (object == null) {
            return "";
        }
        if (object instanceof String s) {
            return s;
        }
        if (object instanceof Boolean || object instanceof Double || object instanceof Float) {
            return Py.str(object);
        }
        if (object instanceof java.util.Collection<?> || object instanceof java.util.Map<?, ?>) {
            return Py.str(Natives.plain(object));
        }
        if (object instanceof Undefined) {
            return "";
        }
        return super.getAsString(object);
    }
}

package dev.runbook.template.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;

/**
 * Prints values as Jinja2 does: True, False, None, 1.0 and ['a', None], where jinjava would print
 * true, false, an empty string, 1 and ['a', null].
 */
final class PyInterpreter extends JinjavaInterpreter {
    PyInterpreter(Jinjava jinjava, Context context, JinjavaConfig config) {
        super(jinjava, context, config);
    }

    @Override
    public String getAsString(Object object) {
        if (object == null || object instanceof Boolean || object instanceof Double || object instanceof Float) {
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

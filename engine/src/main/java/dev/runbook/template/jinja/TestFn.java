package dev.runbook.template.jinja;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Jinja2 test ({@code x is name(args)}) written as a lambda. */
record TestFn(String name, Body body) implements ExpTest {

    @FunctionalInterface
    interface Body {
        boolean apply(Object value, Object[] args, Map<String, Object> kwargs);
    }

    @Override
    public String getName() {
        return name;
    }

    /** Jinjava hands keyword arguments to tests as NamedParameter values among the positional ones. */
    @Override
    public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
        List<Object> positional = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (Object a : args == null ? new Object[0] : args) {
            if (a instanceof NamedParameter p) {
                kwargs.put(p.getName(), p.getValue());
            } else {
                positional.add(a);
            }
        }
        return body.apply(var, positional.toArray(), kwargs);
    }
}

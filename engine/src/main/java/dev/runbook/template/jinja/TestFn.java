package dev.runbook.template.jinja;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.objects.collections.PyList;
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

    /**
     * Jinjava parses {@code x is t(a, b)} as one argument, the tuple {@code (a, b)}, which it
     * makes a plain PyList (list literals and variables are SizeLimitingPyLists); keyword
     * arguments come as NamedParameter values among the positional ones.
     */
    @Override
    public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
        if (var instanceof Undefined u && KnownNames.TYPE_TESTS.contains(name)) {
            u.consume();
        }
        Object[] given = args == null ? new Object[0] : args;
        if (given.length == 1 && given[0] != null && given[0].getClass() == PyList.class) {
            given = ((PyList) given[0]).toArray();
        } else if (given.length == 1 && given[0] instanceof PyTuple t) {
            given = t.toArray();
        }
        List<Object> positional = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (Object a : given) {
            if (a instanceof NamedParameter p) {
                kwargs.put(p.getName(), p.getValue());
            } else {
                positional.add(a);
            }
        }
        return body.apply(var, positional.toArray(), kwargs);
    }
}

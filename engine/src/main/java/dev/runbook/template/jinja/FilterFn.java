package dev.runbook.template.jinja;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Map;

/** A filter written as a lambda: the value, positional arguments, keyword arguments. */
record FilterFn(String name, Body body) implements Filter {

    @FunctionalInterface
    interface Body {
        Object apply(Object value, Object[] args, Map<String, Object> kwargs);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return body.apply(var, args, Map.of());
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        return body.apply(var, args, kwargs);
    }
}

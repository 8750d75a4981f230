package dev.runbook.template.jinja;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A Python tuple: an immutable list that prints as {@code (1, 'a')} and {@code (1,)}. */
public final class PyTuple extends AbstractList<Object> {
    private final List<Object> items;

    public PyTuple(Collection<?> items) {
        this.items = new ArrayList<>(items);
    }

    static PyTuple of(Object... items) {
        return new PyTuple(java.util.Arrays.asList(items));
    }

    @Override
    public Object get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }
}

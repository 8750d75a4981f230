package dev.runbook.exec;

import dev.runbook.model.LoopControl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables one loop item adds under a task's {@code loop_control}, as Ansible sets them: the
 * item under {@code loop_var} (default {@code item}), {@code ansible_loop_var}, the position under
 * {@code index_var}, and with {@code extended} the {@code ansible_loop} map.
 */
record LoopItem(LoopControl control, List<?> items, int index) {
    Object value() {
        return items.get(index);
    }

    /** What the task sees for this item; also what each entry of the registered results carries. */
    Map<String, Object> vars() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(control.loopVar(), value());
        m.put("ansible_loop_var", control.loopVar());
        if (control.indexVar() != null) {
            m.put(control.indexVar(), index);
        }
        if (control.extended()) {
            m.put("ansible_loop", extended());
        }
        return m;
    }

    /** Ansible's ansible_loop: index (from 1), index0, revindex, revindex0, first, last, length, previtem, nextitem. */
    private Map<String, Object> extended() {
        int n = items.size();
        Map<String, Object> m = new LinkedHashMap<>();
        if (control.extendedAllItems()) {
            m.put("allitems", items);
        }
        m.put("index", index + 1);
        m.put("index0", index);
        m.put("revindex", n - index);
        m.put("revindex0", n - index - 1);
        m.put("first", index == 0);
        m.put("last", index == n - 1);
        m.put("length", n);
        if (index > 0) {
            m.put("previtem", items.get(index - 1));
        }
        if (index < n - 1) {
            m.put("nextitem", items.get(index + 1));
        }
        return m;
    }
}

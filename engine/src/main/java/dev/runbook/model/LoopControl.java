package dev.runbook.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Ansible's {@code loop_control}: what a loop item is called ({@code loop_var}, default
 * {@code item}), the variable holding its position ({@code index_var}), the label shown for it
 * instead of the whole item ({@code label}, a template), a pause between items, and
 * {@code extended} for {@code ansible_loop} (index, first, last, length, ...).
 */
public record LoopControl(String loopVar, String indexVar, String label, Duration pause, boolean extended,
                          boolean extendedAllItems) {
    public static final LoopControl DEFAULT = new LoopControl("item", null, null, Duration.ZERO, false, true);

    public LoopControl {
        loopVar = loopVar == null ? "item" : loopVar;
        pause = pause == null ? Duration.ZERO : pause;
        Objects.requireNonNull(loopVar, "loopVar");
    }
}

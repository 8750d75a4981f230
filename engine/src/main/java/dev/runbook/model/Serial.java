package dev.runbook.model;

/** Rolling batch size: a count of hosts or a percentage of them. {@link #ALL} = one batch. */
public record Serial(int value, boolean percent) {
    public static final Serial ALL = new Serial(100, true);

    public Serial {
        if (value <= 0 || (percent && value > 100)) {
            throw new IllegalArgumentException("serial must be a positive count or 1%..100%: " + value);
        }
    }

    /** The size of each batch for {@code hosts} hosts (at least 1). */
    public int batchSize(int hosts) {
        if (!percent) {
            return Math.max(1, Math.min(value, hosts));
        }
        return Math.max(1, (int) Math.floor(hosts * value / 100.0));
    }
}

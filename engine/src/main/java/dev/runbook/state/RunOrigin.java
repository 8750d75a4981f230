package dev.runbook.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run was started from, kept in its first record so {@code --resume} can run it again
 * the same way and tell what changed since: the runbook and inventory (paths and per-file
 * fingerprints), --limit, the -e arguments (values of secret-looking keys masked: they are
 * asked for again), --only, --from and --forks.
 */
public record RunOrigin(String runbook, List<String> inventories, String limit, List<String> extraVars, String only,
                        String from, int forks, Map<String, String> runbookFiles, Map<String, String> inventoryFiles) {
    public RunOrigin {
        inventories = List.copyOf(inventories);
        extraVars = List.copyOf(extraVars);
        runbookFiles = Map.copyOf(runbookFiles);
        inventoryFiles = Map.copyOf(inventoryFiles);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runbook", runbook);
        m.put("inventories", inventories);
        m.put("limit", limit);
        m.put("extra_vars", extraVars);
        m.put("only", only);
        m.put("from", from);
        m.put("forks", forks);
        m.put("runbook_files", new java.util.TreeMap<>(runbookFiles));
        m.put("inventory_files", new java.util.TreeMap<>(inventoryFiles));
        return m;
    }

    @SuppressWarnings("unchecked")
    public static RunOrigin of(Map<String, Object> m) {
        return new RunOrigin((String) m.get("runbook"), (List<String>) m.getOrDefault("inventories", List.of()), (String) m.get("limit"),
                (List<String>) m.getOrDefault("extra_vars", List.of()), (String) m.get("only"), (String) m.get("from"),
                ((Number) m.getOrDefault("forks", 50)).intValue(),
                (Map<String, String>) m.getOrDefault("runbook_files", Map.of()),
                (Map<String, String>) m.getOrDefault("inventory_files", Map.of()));
    }
}

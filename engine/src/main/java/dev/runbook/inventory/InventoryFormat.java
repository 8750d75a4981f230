package dev.runbook.inventory;

import java.util.regex.Pattern;

/**
 * Tells a YAML inventory from an INI one by its first meaningful line: YAML starts with
 * "---", "{", a list item or a "key:" mapping entry; anything else ([group], a host line) is INI.
 */
final class InventoryFormat {
    private static final Pattern YAML_KEY = Pattern.compile("^[^\\s#;\\[\"'][^=]*?:(\\s.*)?$|^[\"'][^\"']*[\"']\\s*:(\\s.*)?$");

    private InventoryFormat() {
    }

    static boolean isYaml(String text) {
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            return line.startsWith("---") || line.startsWith("{") || line.equals("-") || line.startsWith("- ") || YAML_KEY.matcher(line).matches();
        }
        return false;
    }
}

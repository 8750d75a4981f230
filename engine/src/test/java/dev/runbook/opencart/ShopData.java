package dev.runbook.opencart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows a shop must never lose: customers, orders (with products, totals and history) and
 * settings, read column by column so a snapshot taken before an upgrade can be compared with one
 * taken after on the columns both versions have (upgrades add and drop columns).
 */
record ShopData(Map<String, Table> tables) {
    static final List<String> TABLES = List.of("customer", "order", "order_product", "order_total", "order_history", "setting");

    record Table(List<String> columns, List<List<String>> rows) {
        /** The rows with only {@code keep}'s columns, in this table's row order. */
        List<Map<String, String>> project(List<String> keep) {
            List<Map<String, String>> out = new ArrayList<>();
            for (List<String> row : rows) {
                Map<String, String> m = new LinkedHashMap<>();
                for (String c : keep) {
                    m.put(c, row.get(columns.indexOf(c)));
                }
                out.add(m);
            }
            return out;
        }
    }

    static ShopData read(OpenCartShop shop) {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String t : TABLES) {
            String table = "oc_" + t;
            List<String> columns = List.of(shop.sql("SELECT GROUP_CONCAT(column_name ORDER BY ordinal_position SEPARATOR ',')"
                    + " FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = '" + table + "';").trim().split(","));
            List<List<String>> rows = new ArrayList<>();
            for (String line : shop.sql("SELECT * FROM `" + table + "` ORDER BY 1, 2, 3;").split("\n")) {
                if (!line.isEmpty()) {
                    rows.add(List.of(line.split("\t", -1)));
                }
            }
            tables.put(t, new Table(columns, rows));
        }
        return new ShopData(tables);
    }

    /**
     * Every row of {@code before} is in {@code after}, equal on the columns both have; lists what is
     * not. A setting whose key the new version no longer has was migrated by OpenCart's own upgrade
     * (4.1 moves the store's title and language into other settings) and is not counted as lost.
     */
    List<String> lostIn(ShopData after) {
        List<String> problems = new ArrayList<>();
        tables.forEach((name, b) -> {
            Table a = after.tables.get(name);
            List<String> common = b.columns().stream().filter(a.columns()::contains).toList();
            List<Map<String, String>> kept = a.project(common);
            List<String> settingKeys = !name.equals("setting") ? List.of() : a.project(List.of("store_id", "key")).stream()
                    .map(r -> r.get("store_id") + "/" + r.get("key")).toList();
            for (Map<String, String> row : b.project(common)) {
                boolean migrated = name.equals("setting")
                        && !settingKeys.contains(row.get("store_id") + "/" + row.get("key"));
                if (!migrated && !kept.contains(row)) {
                    problems.add(name + ": " + row);
                }
            }
        });
        return problems;
    }

    int rows(String table) {
        return tables.get(table).rows().size();
    }
}

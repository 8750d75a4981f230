package dev.runbook.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ansible's memory and processor facts from /proc/meminfo and /proc/cpuinfo, with its arithmetic. */
final class Hardware {
    private Hardware() {
    }

    static Map<String, Object> memory(String meminfo) {
        Map<String, Long> kb = new LinkedHashMap<>();
        for (String line : meminfo.split("\n")) {
            String[] f = line.split(":\\s*");
            if (f.length == 2) {
                try {
                    kb.put(f[0].trim(), Long.parseLong(f[1].trim().split("\\s+")[0]));
                } catch (NumberFormatException e) {
                    // not a number: not a field Ansible reads
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (!kb.containsKey("MemTotal")) {
            return out;
        }
        long total = kb.get("MemTotal") / 1024;
        long free = kb.getOrDefault("MemFree", 0L) / 1024;
        long swapTotal = kb.getOrDefault("SwapTotal", 0L) / 1024;
        long swapFree = kb.getOrDefault("SwapFree", 0L) / 1024;
        long nocacheFree = (kb.getOrDefault("MemFree", 0L) + kb.getOrDefault("Buffers", 0L) + kb.getOrDefault("Cached", 0L)) / 1024;
        out.put("memtotal_mb", total);
        out.put("memfree_mb", free);
        out.put("swaptotal_mb", swapTotal);
        out.put("swapfree_mb", swapFree);
        Map<String, Object> real = new LinkedHashMap<>(Map.of("total", total, "free", free, "used", total - free));
        Map<String, Object> nocache = new LinkedHashMap<>(Map.of("free", nocacheFree, "used", total - nocacheFree));
        Map<String, Object> swap = new LinkedHashMap<>(Map.of("total", swapTotal, "free", swapFree, "used", swapTotal - swapFree,
                "cached", kb.getOrDefault("SwapCached", 0L) / 1024));
        out.put("memory_mb", Map.of("real", real, "nocache", nocache, "swap", swap));
        return out;
    }

    /** Ansible's Linux get_cpu_facts: processor list, sockets, cores, threads per core, vcpus. */
    static Map<String, Object> processors(String cpuinfo, String architecture, String nproc) {
        List<Object> processor = new ArrayList<>();
        Map<String, Integer> sockets = new LinkedHashMap<>();
        Map<String, Integer> cores = new LinkedHashMap<>();
        int i = 0;
        int vendorIds = 0;
        int modelNames = 0;
        int processors = 0;
        String physid = "";
        String coreid = "";
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String val = line.substring(colon + 1).trim();
            switch (key) {
                case "model name", "Processor", "vendor_id", "cpu", "Vendor", "processor" -> {
                    processor.add(val);
                    if (key.equals("vendor_id")) {
                        vendorIds++;
                    } else if (key.equals("model name")) {
                        modelNames++;
                    } else if (key.equals("processor")) {
                        processors++;
                    }
                    i++;
                }
                case "physical id" -> {
                    physid = val;
                    sockets.putIfAbsent(physid, 1);
                }
                case "core id" -> {
                    coreid = val;
                    if (!sockets.containsKey(coreid)) {
                        cores.put(coreid, 1);
                    }
                }
                case "cpu cores" -> sockets.put(physid, parse(val, 1));
                case "siblings" -> cores.put(coreid, parse(val, 1));
                default -> {
                }
            }
        }
        if (vendorIds > 0 && vendorIds == modelNames) {
            i = vendorIds;
        }
        if (architecture.startsWith("armv") || architecture.startsWith("aarch") || architecture.startsWith("ppc")) {
            i = processors;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("processor", processor);
        int count = sockets.isEmpty() ? i : sockets.size();
        Integer firstSocket = sockets.values().stream().findFirst().orElse(null);
        int perSocket = firstSocket != null && firstSocket != 0 ? firstSocket : 1;
        Integer firstCore = cores.values().stream().findFirst().orElse(null);
        int threads = firstCore != null ? firstCore / perSocket : 1 / perSocket;
        out.put("processor_count", count);
        out.put("processor_cores", perSocket);
        out.put("processor_threads_per_core", threads);
        out.put("processor_vcpus", threads * count * perSocket);
        out.put("processor_nproc", parse(nproc.strip(), count * perSocket * Math.max(1, threads)));
        return out;
    }

    private static int parse(String s, int otherwise) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}

package dev.runbook.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's network facts that roles read: {@code default_ipv4} (the route to 8.8.8.8 as
 * {@code ip -4 route get} says, with the interface's address, netmask, network, broadcast, MAC,
 * MTU and type), {@code all_ipv4_addresses} (loopback excluded), {@code interfaces} and
 * {@code dns}. Without the {@code ip} tool or a default route, default_ipv4 is empty, as in Ansible.
 */
final class NetworkFacts {
    private NetworkFacts() {
    }

    /** One IPv4 address of an interface, from {@code ip -4 -o addr show}. */
    record Address(String iface, String label, String address, int prefix, String broadcast) {
    }

    static List<Address> addresses(String ipAddr) {
        List<Address> out = new ArrayList<>();
        for (String line : ipAddr.split("\n")) {
            String[] w = line.replace("\\", " ").trim().split("\\s+");
            if (w.length < 4 || !w[2].equals("inet")) {
                continue;
            }
            String iface = w[1].replaceAll(":$", "");
            String[] cidr = w[3].split("/");
            String brd = "";
            String label = iface;
            for (int k = 4; k < w.length - 1; k++) {
                if (w[k].equals("brd")) {
                    brd = w[k + 1];
                }
                if (w[k].equals("global") || w[k].equals("host") || w[k].equals("link")) {
                    label = w[k + 1].equals("valid_lft") ? label : w[k + 1];
                }
            }
            out.add(new Address(iface, label, cidr[0], cidr.length > 1 ? Integer.parseInt(cidr[1]) : 32, brd));
        }
        return out;
    }

    /**
     * @param routeGet output of {@code ip -4 route get 8.8.8.8}
     * @param sysnet   lines "iface mac mtu type" from /sys/class/net
     */
    static Map<String, Object> facts(String routeGet, String ipAddr, String sysnet, String ifaces, String resolv) {
        List<Address> addrs = addresses(ipAddr);
        Map<String, String[]> links = new LinkedHashMap<>();
        for (String line : sysnet.split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w.length >= 4) {
                links.put(w[0], w);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("default_ipv4", defaultIpv4(routeGet, addrs, links));
        out.put("all_ipv4_addresses", addrs.stream().map(Address::address).filter(a -> !a.startsWith("127.")).toList());
        out.put("interfaces", ifaces.lines().map(String::trim).filter(s -> !s.isEmpty()).toList());
        out.put("dns", dns(resolv));
        return out;
    }

    private static Map<String, Object> defaultIpv4(String routeGet, List<Address> addrs, Map<String, String[]> links) {
        Map<String, Object> d = new LinkedHashMap<>();
        String[] w = routeGet.trim().split("\\s+");
        String gateway = null;
        String iface = null;
        String src = null;
        for (int k = 0; k < w.length - 1; k++) {
            switch (w[k]) {
                case "via" -> gateway = w[k + 1];
                case "dev" -> iface = w[k + 1];
                case "src" -> src = w[k + 1];
                default -> {
                }
            }
        }
        if (iface == null) {
            return d;
        }
        String dev = iface;
        String want = src;
        Address a = addrs.stream().filter(x -> x.iface().equals(dev) && (want == null || x.address().equals(want))).findFirst()
                .orElse(addrs.stream().filter(x -> x.iface().equals(dev)).findFirst().orElse(null));
        if (a != null) {
            d.put("address", a.address());
            d.put("alias", a.label());
            d.put("broadcast", a.broadcast());
            d.put("netmask", netmask(a.prefix()));
            d.put("network", network(a.address(), a.prefix()));
            d.put("prefix", String.valueOf(a.prefix()));
        } else if (src != null) {
            d.put("address", src);
        }
        if (gateway != null) {
            d.put("gateway", gateway);
        }
        d.put("interface", iface);
        String[] link = links.get(iface);
        if (link != null) {
            d.put("macaddress", link[1]);
            try {
                d.put("mtu", Integer.parseInt(link[2]));
            } catch (NumberFormatException e) {
                // no MTU to report
            }
            d.put("type", switch (link[3]) {
                case "1" -> "ether";
                case "772" -> "loopback";
                case "65534" -> "tunnel";
                default -> "unknown";
            });
        }
        return d;
    }

    static String netmask(int prefix) {
        long mask = prefix == 0 ? 0 : 0xFFFFFFFFL << (32 - prefix) & 0xFFFFFFFFL;
        return (mask >> 24 & 255) + "." + (mask >> 16 & 255) + "." + (mask >> 8 & 255) + "." + (mask & 255);
    }

    static String network(String address, int prefix) {
        String[] o = address.split("\\.");
        long ip = 0;
        for (String part : o) {
            ip = ip << 8 | Long.parseLong(part);
        }
        long mask = prefix == 0 ? 0 : 0xFFFFFFFFL << (32 - prefix) & 0xFFFFFFFFL;
        long n = ip & mask;
        return (n >> 24 & 255) + "." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    /** Ansible's dns fact: nameservers, domain, search, options from resolv.conf. */
    private static Map<String, Object> dns(String resolv) {
        Map<String, Object> d = new LinkedHashMap<>();
        List<String> servers = new ArrayList<>();
        for (String line : resolv.split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w.length < 2 || w[0].startsWith("#") || w[0].startsWith(";")) {
                continue;
            }
            switch (w[0]) {
                case "nameserver" -> servers.add(w[1]);
                case "domain" -> d.put("domain", w[1]);
                case "search" -> d.put("search", List.of(w).subList(1, w.length));
                case "options" -> {
                    Map<String, Object> opts = new LinkedHashMap<>();
                    for (String o : List.of(w).subList(1, w.length)) {
                        int c = o.indexOf(':');
                        opts.put(c < 0 ? o : o.substring(0, c), c < 0 ? true : o.substring(c + 1));
                    }
                    d.put("options", opts);
                }
                default -> {
                }
            }
        }
        if (!servers.isEmpty()) {
            d.put("nameservers", servers);
        }
        return d;
    }
}

package dev.runbook.inventory;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's reading of a host identifier with an optional port: {@code host:2222},
 * {@code [::1]:2222}, an IPv4 or IPv6 address or a host name, any of them with {@code [x:y]}
 * ranges. The expressions follow Ansible's so that the same strings split the same way.
 */
record HostAddress(String host, Integer port) {
    private static final String NUMERIC_RANGE = "\\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\\]";
    private static final String HEX_RANGE = "\\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?\\]";
    private static final String ALNUM_RANGE = "\\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\\]";
    private static final String V6 = "(?:[0-9a-f]{1,4}|" + HEX_RANGE + ")";
    private static final String V4 = "(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|" + NUMERIC_RANGE + ")";
    private static final String LABEL = "(?:[\\w]|" + ALNUM_RANGE + ")(?:[\\w_-]|" + ALNUM_RANGE + ")*(?<![_-])";

    private static final Pattern BRACKETED_HOSTPORT = Pattern.compile("^\\[(.+)\\]:([0-9]+)$");
    private static final Pattern HOSTPORT = Pattern.compile("^((?:[^:\\[\\]]|\\[[^\\]]*\\])*):([0-9]+)$");
    private static final Pattern IPV4 = Pattern.compile("^(?:" + V4 + "\\.){3}" + V4 + "$", Pattern.CASE_INSENSITIVE);
    // As in Ansible, '^' and '$' bind to the first and last alternatives only.
    private static final Pattern IPV6 = Pattern.compile("^(?:" + V6 + ":){7}" + V6
            + "|(?:" + V6 + ":){1,6}:"
            + "|(?:" + V6 + ":)(?::" + V6 + "){1,6}"
            + "|(?:" + V6 + ":){2}(?::" + V6 + "){1,5}"
            + "|(?:" + V6 + ":){3}(?::" + V6 + "){1,4}"
            + "|(?:" + V6 + ":){4}(?::" + V6 + "){1,3}"
            + "|(?:" + V6 + ":){5}(?::" + V6 + "){1,2}"
            + "|(?:" + V6 + ":){6}(?::" + V6 + ")"
            + "|:(?::" + V6 + "){1,6}"
            + "|" + V6 + "?::"
            + "|(?:0:){6}(?:" + V6 + "\\.){3}" + V6
            + "|::(?:ffff:)?(?:" + V6 + "\\.){3}" + V6
            + "|(?:0:){5}ffff:(?:" + V6 + "\\.){3}" + V6 + "$", Pattern.CASE_INSENSITIVE);
    private static final Pattern HOSTNAME = Pattern.compile("^" + LABEL + "(?:\\." + LABEL + ")*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

    /** The host and port when the text is a valid host identifier (ranges allowed), else empty. */
    static Optional<HostAddress> parse(String text) {
        String address = text;
        Integer port = null;
        for (Pattern p : new Pattern[] {BRACKETED_HOSTPORT, HOSTPORT}) {
            Matcher m = p.matcher(address);
            if (m.matches()) {
                address = m.group(1);
                try {
                    port = Integer.valueOf(m.group(2));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        boolean valid = IPV4.matcher(address).matches() || IPV6.matcher(address).lookingAt()
                || HOSTNAME.matcher(address).matches();
        return valid ? Optional.of(new HostAddress(address, port)) : Optional.empty();
    }
}

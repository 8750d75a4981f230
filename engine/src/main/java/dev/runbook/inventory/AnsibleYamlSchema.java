package dev.runbook.inventory;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * The YAML 1.1 types Ansible's loader gives plain scalars, so inventories and vars files mean
 * what they mean to Ansible: yes/no/on/off are booleans, 0644 is octal (420), 1e3 is a string
 * (a float needs a dot), ~ and empty values are null. Dates stay strings.
 */
final class AnsibleYamlSchema extends JsonSchema {
    private static final Pattern BOOL = Pattern.compile("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final Pattern INT = Pattern.compile("[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)"
            + "|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
            + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
            + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");
    private static final Set<String> TRUE_WORDS = Set.of("yes", "true", "on");
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");

    private static final ScalarResolver RESOLVER = (value, implicit) -> {
        if (!implicit) {
            return Tag.STR;
        }
        if (NULL.matcher(value).matches()) {
            return Tag.NULL;
        }
        if (BOOL.matcher(value).matches()) {
            return Tag.BOOL;
        }
        if (INT.matcher(value).matches()) {
            return Tag.INT;
        }
        return FLOAT.matcher(value).matches() ? Tag.FLOAT : Tag.STR;
    };

    @Override
    public ScalarResolver getScalarResolver() {
        return RESOLVER;
    }

    @Override
    public Map<Tag, ConstructNode> getSchemaTagConstructors() {
        Map<Tag, ConstructNode> out = new HashMap<>(super.getSchemaTagConstructors());
        out.put(Tag.BOOL, node -> TRUE_WORDS.contains(text(node).toLowerCase(Locale.ROOT)));
        out.put(Tag.INT, node -> integer(text(node)));
        out.put(Tag.FLOAT, node -> decimal(text(node)));
        return out;
    }

    private static String text(Node node) {
        return ((ScalarNode) node).getValue();
    }

    static Object integer(String text) {
        String t = text.replace("_", "");
        boolean negative = t.startsWith("-");
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        BigInteger n;
        if (t.startsWith("0b")) {
            n = new BigInteger(t.substring(2), 2);
        } else if (t.startsWith("0x")) {
            n = new BigInteger(t.substring(2), 16);
        } else if (t.length() > 1 && t.startsWith("0")) {
            n = new BigInteger(t.substring(1), 8);
        } else if (t.contains(":")) {
            n = BigInteger.ZERO;
            for (String part : t.split(":")) {
                n = n.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
            }
        } else {
            n = new BigInteger(t);
        }
        return PythonNumbers.narrow(negative ? n.negate() : n);
    }

    static Double decimal(String text) {
        String t = text.replace("_", "").toLowerCase(Locale.ROOT);
        double sign = t.startsWith("-") ? -1 : 1;
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        if (t.equals(".inf")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (t.equals(".nan")) {
            return Double.NaN;
        }
        if (t.contains(":")) {
            double v = 0;
            for (String part : t.split(":")) {
                v = v * 60 + Double.parseDouble(part);
            }
            return sign * v;
        }
        return sign * Double.parseDouble(t);
    }
}

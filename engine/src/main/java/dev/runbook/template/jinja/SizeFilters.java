package dev.runbook.template.jinja;

import com.hubspot.jinjava.lib.filter.Filter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ansible's human_readable and human_to_bytes (binary units: K is 1024). */
final class SizeFilters {
    private static final String UNITS = "YZEPTGMKB";
    private static final Pattern HUMAN = Pattern.compile("^\\s*(\\d*\\.?\\d*)\\s*([A-Za-z]+)?");

    private SizeFilters() {
    }

    static List<Filter> all() {
        return List.of(
            new FilterFn("human_readable", SizeFilters::humanReadable),
            new FilterFn("human_to_bytes", SizeFilters::humanToBytes));
    }

    private static BigDecimal limit(char unit) {
        int power = UNITS.length() - 1 - UNITS.indexOf(unit);
        return new BigDecimal(java.math.BigInteger.ONE.shiftLeft(10 * power));
    }

    private static Object humanReadable(Object v, Object[] args, Map<String, Object> kwargs) {
        boolean bits = Py.boolArg(args, kwargs, 0, "isbits");
        String unit = Py.strArg(args, kwargs, 1, "unit", null);
        if (!PyOps.isNumber(v)) {
            throw new FilterFailure("human_readable() failed on bad input: '>=' not supported between instances of '"
                + Py.typeName(v) + "' and 'int'");
        }
        double size = PyOps.real(v);
        char suffix = 'B';
        for (char u : UNITS.toCharArray()) {
            if (unit == null ? size >= limit(u).doubleValue() : unit.toUpperCase(Locale.ROOT).charAt(0) == u) {
                suffix = u;
                break;
            }
        }
        String base = bits ? "bits" : "Bytes";
        String label = suffix == 'B' ? base : suffix + base.substring(0, 1);
        double scaled = size / limit(suffix).doubleValue();
        return new BigDecimal(scaled).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " " + label;
    }

    private static Object humanToBytes(Object v, Object[] args, Map<String, Object> kwargs) {
        String defaultUnit = Py.strArg(args, kwargs, 0, "default_unit", null);
        boolean bits = Py.boolArg(args, kwargs, 1, "isbits");
        String text = Py.str(v);
        Matcher m = HUMAN.matcher(text);
        if (!m.find() || m.group(1).isEmpty() || m.group(1).equals(".")) {
            throw new FilterFailure("human_to_bytes() can't interpret following string: " + text);
        }
        BigDecimal number = new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
        String unit = m.group(2) != null ? m.group(2) : defaultUnit;
        if (unit == null) {
            return PyOps.narrow(number.setScale(0, RoundingMode.HALF_EVEN).toBigInteger());
        }
        char key = unit.toUpperCase(Locale.ROOT).charAt(0);
        if (UNITS.indexOf(key) < 0) {
            throw new FilterFailure("human_to_bytes() can't interpret following string: " + text);
        }
        String unitClass = bits ? "b" : "B";
        String unitName = bits ? "bit" : "byte";
        if (unit.length() > 1 && !unit.toLowerCase(Locale.ROOT).contains(unitName)
            && !unit.substring(1, 2).equals(unitClass)) {
            throw new FilterFailure("human_to_bytes() can't interpret following string: " + text);
        }
        double product = number.doubleValue() * limit(key).doubleValue();
        return PyOps.narrow(new BigDecimal(product).setScale(0, RoundingMode.HALF_EVEN).toBigInteger());
    }
}

package dev.runbook.template.jinja;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Python's spelling of floats: repr ({@code 1e-05}, {@code 1e+17}, {@code 0.5}) and the f/e/g formats. */
final class PyNumbers {
    private PyNumbers() {
    }

    /** repr(float): the shortest digits that read back, fixed between 1e-4 and 1e16, else scientific. */
    static String repr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String s = shortest.toPlainString();
            return s.contains(".") ? s : s + ".0";
        }
        String digits = shortest.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
            + Math.abs(exponent);
    }

    /** {@code %f}, {@code %e}, {@code %g} (and upper case) as Python formats them. */
    static String formatFloat(double d, char type, int precision, boolean alternate) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            String s = Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf";
            return Character.isUpperCase(type) ? s.toUpperCase(Locale.ROOT) : s;
        }
        String s = switch (Character.toLowerCase(type)) {
            case 'f' -> new BigDecimal(d).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
            case 'e' -> exponential(d, precision);
            default -> general(d, precision == 0 ? 1 : precision, alternate);
        };
        if (alternate && precision == 0 && Character.toLowerCase(type) == 'f') {
            s += ".";
        }
        return Character.isUpperCase(type) ? s.toUpperCase(Locale.ROOT) : s;
    }

    private static String exponential(double d, int precision) {
        String s = String.format(Locale.ROOT, "%." + precision + "e", d);
        return s;
    }

    private static String general(double d, int precision, boolean alternate) {
        if (d == 0) {
            return alternate ? "0." + "0".repeat(precision - 1) : "0";
        }
        String e = String.format(Locale.ROOT, "%." + (precision - 1) + "e", d);
        int exponent = Integer.parseInt(e.substring(e.indexOf('e') + 1));
        String s;
        if (exponent >= -4 && exponent < precision) {
            s = new BigDecimal(d).setScale(precision - 1 - exponent, RoundingMode.HALF_EVEN).toPlainString();
            if (!alternate && s.contains(".")) {
                s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return s;
        }
        if (alternate) {
            return e;
        }
        String mantissa = e.substring(0, e.indexOf('e'));
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + e.substring(e.indexOf('e'));
    }
}

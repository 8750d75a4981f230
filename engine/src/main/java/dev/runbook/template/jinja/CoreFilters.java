package dev.runbook.template.jinja;

import com.hubspot.jinjava.lib.filter.Filter;
import dev.runbook.connection.ShellQuote;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Ansible's scalar filters: default, mandatory, conversions, ternary, quote, base64, hash. */
final class CoreFilters {
    private CoreFilters() {
    }

    static List<Filter> all() {
        return List.of(
            new FilterFn("default", CoreFilters::defaultFilter),
            new FilterFn("d", CoreFilters::defaultFilter),
            new FilterFn("mandatory", CoreFilters::mandatory),
            new FilterFn("bool", (v, a, k) -> v == null ? null : Py.bool(v)),
            new FilterFn("int", CoreFilters::toInt),
            new FilterFn("float", CoreFilters::toFloat),
            new FilterFn("string", (v, a, k) -> Py.str(v)),
            new FilterFn("ternary", CoreFilters::ternary),
            new FilterFn("quote", (v, a, k) -> ShellQuote.quote(v == null ? "" : Py.str(v))),
            new FilterFn("b64encode", (v, a, k) -> Base64.getEncoder()
                .encodeToString(Py.str(v).getBytes(charset(k)))),
            new FilterFn("b64decode", CoreFilters::b64decode),
            new FilterFn("hash", CoreFilters::hash),
            new FilterFn("checksum", (v, a, k) -> hash(v, new Object[] {"sha1"}, Map.of())),
            new FilterFn("sha1", (v, a, k) -> hash(v, new Object[] {"sha1"}, Map.of())),
            new FilterFn("md5", (v, a, k) -> hash(v, new Object[] {"md5"}, Map.of())));
    }

    /**
     * Only an undefined value is replaced (None stays None), unless the second argument is true:
     * then anything false (empty, 0, false, None) is replaced too.
     */
    private static Object defaultFilter(Object v, Object[] args, Map<String, Object> kwargs) {
        Object dflt = Py.arg(args, kwargs, 0, "default_value", "");
        boolean falsy = Py.boolArg(args, kwargs, 1, "boolean");
        boolean replace = Undefined.check(v) || (falsy && !Py.truthy(v));
        if (!replace) {
            Undefined.check(dflt);
            return v;
        }
        return dflt;
    }

    private static Object mandatory(Object v, Object[] args, Map<String, Object> kwargs) {
        if (v instanceof Undefined u) {
            u.consume();
            String msg = Py.strArg(args, kwargs, 0, "msg", null);
            throw new FilterFailure(msg != null ? msg : "mandatory variable '" + u.name() + "' is not defined", u.name());
        }
        return v;
    }

    private static Object toInt(Object v, Object[] args, Map<String, Object> kwargs) {
        Object dflt = Py.arg(args, kwargs, 0, "default", 0);
        int base = ((Number) Py.arg(args, kwargs, 1, "base", 10)).intValue();
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof Number n) {
            return Natives.number(n instanceof Double || n instanceof Float || n instanceof BigDecimal
                ? BigInteger.valueOf((long) n.doubleValue()) : n);
        }
        String s = v == null ? "" : Py.str(v).trim().replace("_", "");
        try {
            if (base != 10) {
                String digits = s.toLowerCase(Locale.ROOT).replaceFirst("^0[xob]", "");
                return Natives.number(new BigInteger(digits, base));
            }
            return Natives.number(new BigDecimal(s).toBigInteger());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static Object toFloat(Object v, Object[] args, Map<String, Object> kwargs) {
        Object dflt = Py.arg(args, kwargs, 0, "default", 0.0);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        String s = v == null ? "" : Py.str(v).trim().toLowerCase(Locale.ROOT).replace("_", "");
        switch (s.replaceFirst("^[-+]", "")) {
            case "inf", "infinity" -> {
                return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> { }
        }
        if (!s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)(e[-+]?\\d+)?")) {
            return dflt;
        }
        return Double.parseDouble(s);
    }

    private static Object ternary(Object v, Object[] args, Map<String, Object> kwargs) {
        Object yes = Py.arg(args, kwargs, 0, "true_val", null);
        Object no = Py.arg(args, kwargs, 1, "false_val", null);
        boolean hasNone = (args != null && args.length > 2) || (kwargs != null && kwargs.containsKey("none_val"));
        if (v == null && hasNone) {
            return Py.arg(args, kwargs, 2, "none_val", null);
        }
        return Py.truthy(v) ? yes : no;
    }

    private static Object b64decode(Object v, Object[] args, Map<String, Object> kwargs) {
        try {
            return new String(Base64.getMimeDecoder().decode(Py.str(v)), charset(kwargs));
        } catch (IllegalArgumentException e) {
            throw new FilterFailure("b64decode: the value is not base64: " + e.getMessage());
        }
    }

    /** Python's codec names (utf-8, utf-16-le, latin-1, ascii) as Java charsets. */
    private static java.nio.charset.Charset charset(Map<String, Object> kwargs) {
        String name = kwargs.containsKey("encoding") ? Py.str(kwargs.get("encoding")) : "utf-8";
        String key = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (key) {
            case "utf8" -> StandardCharsets.UTF_8;
            case "utf16le" -> StandardCharsets.UTF_16LE;
            case "utf16be" -> StandardCharsets.UTF_16BE;
            case "utf16" -> StandardCharsets.UTF_16;
            case "latin1", "iso88591" -> StandardCharsets.ISO_8859_1;
            case "ascii", "usascii" -> StandardCharsets.US_ASCII;
            default -> throw new FilterFailure("encoding '" + name + "' is not supported (use utf-8, utf-16-le,"
                + " utf-16-be, utf-16, latin-1 or ascii)");
        };
    }

    private static Object hash(Object v, Object[] args, Map<String, Object> kwargs) {
        String name = Py.strArg(args, kwargs, 0, "hashtype", "sha1").toLowerCase(Locale.ROOT);
        String algorithm = switch (name) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha224" -> "SHA-224";
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> throw new FilterFailure("hash: unknown hash type '" + name
                + "' (use md5, sha1, sha224, sha256, sha384 or sha512)");
        };
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(Py.str(v).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from the JDK", e);
        }
    }
}

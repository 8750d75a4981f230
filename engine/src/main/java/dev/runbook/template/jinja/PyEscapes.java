package dev.runbook.template.jinja;

/** Python's backslash escapes in string literals; unknown ones keep their backslash. */
final class PyEscapes {
    private PyEscapes() {
    }

    /** Decodes the escape at {@code s[i]} (a backslash) into {@code out}; returns the next index. */
    static int decode(String s, int i, StringBuilder out) {
        char n = s.charAt(i + 1);
        switch (n) {
            case '\\', '\'', '"' -> out.append(n);
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'v' -> out.append('\u000b');
            case '\n' -> { }
            case 'x' -> {
                return hex(s, i, 2, out);
            }
            case 'u' -> {
                return hex(s, i, 4, out);
            }
            default -> {
                if (n >= '0' && n <= '7') {
                    return octal(s, i, out);
                }
                out.append('\\').append(n);
            }
        }
        return i + 2;
    }

    private static int hex(String s, int i, int digits, StringBuilder out) {
        int end = i + 2 + digits;
        if (end <= s.length() && s.substring(i + 2, end).matches("[0-9a-fA-F]+")) {
            out.append((char) Integer.parseInt(s.substring(i + 2, end), 16));
            return end;
        }
        out.append('\\').append(s.charAt(i + 1));
        return i + 2;
    }

    private static int octal(String s, int i, StringBuilder out) {
        int j = i + 1;
        while (j < s.length() && j < i + 4 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
            j++;
        }
        out.append((char) Integer.parseInt(s.substring(i + 1, j), 8));
        return j;
    }
}

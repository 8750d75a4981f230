package dev.runbook.inventory;

import java.util.function.IntConsumer;
import java.util.function.IntUnaryOperator;

/** One Python string literal ('...', "...", '''...''' or """...""") with its escapes. */
final class PythonStrings {
    private PythonStrings() {
    }

    /**
     * Reads the literal starting at offset 0 of {@code at} (an opening quote), moving the cursor
     * past its closing quote.
     */
    static String read(IntUnaryOperator at, IntConsumer advance, boolean raw) {
        char quote = (char) at.applyAsInt(0);
        boolean triple = at.applyAsInt(1) == quote && at.applyAsInt(2) == quote;
        int i = triple ? 3 : 1;
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = at.applyAsInt(i);
            if (c < 0 || (!triple && c == '\n')) {
                throw new IllegalArgumentException("unterminated string");
            }
            if (c == quote && (!triple || at.applyAsInt(i + 1) == quote && at.applyAsInt(i + 2) == quote)) {
                advance.accept(i + (triple ? 3 : 1));
                return sb.toString();
            }
            if (c == '\\') {
                int next = at.applyAsInt(i + 1);
                if (next < 0) {
                    throw new IllegalArgumentException("unterminated string");
                }
                if (raw) {
                    sb.append('\\').append((char) next);
                    i += 2;
                } else {
                    i += escape(at, i + 1, sb);
                }
                continue;
            }
            sb.append((char) c);
            i++;
        }
    }

    /** Appends the escaped character at {@code i}; returns how many characters were consumed. */
    private static int escape(IntUnaryOperator at, int i, StringBuilder sb) {
        char c = (char) at.applyAsInt(i);
        switch (c) {
            case '\n': return 2;
            case '\\': case '\'': case '"': sb.append(c); return 2;
            case 'a': sb.append('\u0007'); return 2;
            case 'b': sb.append('\b'); return 2;
            case 'f': sb.append('\f'); return 2;
            case 'n': sb.append('\n'); return 2;
            case 'r': sb.append('\r'); return 2;
            case 't': sb.append('\t'); return 2;
            case 'v': sb.append('\u000b'); return 2;
            case 'x': return hex(at, i, 2, sb);
            case 'u': return hex(at, i, 4, sb);
            case 'U': return hex(at, i, 8, sb);
            default:
                if (c >= '0' && c <= '7') {
                    return octal(at, i, sb);
                }
                sb.append('\\').append(c);
                return 2;
        }
    }

    private static int hex(IntUnaryOperator at, int i, int digits, StringBuilder sb) {
        StringBuilder hex = new StringBuilder();
        for (int k = 1; k <= digits; k++) {
            hex.append((char) at.applyAsInt(i + k));
        }
        sb.appendCodePoint(Integer.parseInt(hex.toString(), 16));
        return digits + 2;
    }

    private static int octal(IntUnaryOperator at, int i, StringBuilder sb) {
        int n = 0;
        int k = 0;
        while (k < 3 && at.applyAsInt(i + k) >= '0' && at.applyAsInt(i + k) <= '7') {
            n = n * 8 + at.applyAsInt(i + k) - '0';
            k++;
        }
        sb.append((char) n);
        return k + 1;
    }
}

package dev.runbook.template.jinja;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Python's {@code random.Random(seed)} (the Mersenne Twister, seeded as CPython seeds it from a
 * string or an integer) so that a seeded lookup gives the same values as Ansible.
 */
final class PyRandom {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int mti;

    PyRandom(Object seed) {
        BigInteger key;
        if (seed instanceof Number n && !(seed instanceof Double) && !(seed instanceof Float)) {
            key = BigInteger.valueOf(n.longValue()).abs();
        } else {
            byte[] text = Py.str(seed).getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[text.length + 64];
            System.arraycopy(text, 0, all, 0, text.length);
            System.arraycopy(sha512(text), 0, all, text.length, 64);
            key = new BigInteger(1, all);
        }
        initByArray(words(key));
    }

    /** {@code random.choice(chars)}. */
    char choice(String chars) {
        return chars.charAt(below(chars.length()));
    }

    private int below(int n) {
        int k = 32 - Integer.numberOfLeadingZeros(n);
        int r = bits(k);
        while (r >= n) {
            r = bits(k);
        }
        return r;
    }

    private int bits(int k) {
        return (int) (Integer.toUnsignedLong(next()) >>> (32 - k));
    }

    private static int[] words(BigInteger key) {
        if (key.signum() == 0) {
            return new int[] {0};
        }
        int n = (key.bitLength() + 31) / 32;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = key.shiftRight(32 * i).intValue();
        }
        return out;
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (mti = 1; mti < N; mti++) {
            mt[mti] = 1812433253 * (mt[mti - 1] ^ (mt[mti - 1] >>> 30)) + mti;
        }
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    private int next() {
        if (mti >= N) {
            int kk;
            for (kk = 0; kk < N - M; kk++) {
                int y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
                mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            for (; kk < N - 1; kk++) {
                int y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
                mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            int y = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
            mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            mti = 0;
        }
        int y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private static byte[] sha512(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

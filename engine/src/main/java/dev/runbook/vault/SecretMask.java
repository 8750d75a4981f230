package dev.runbook.vault;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for hiding a secret in text. A secret of {@value #SHORT} characters or more is
 * replaced wherever it appears, also inside longer text. A shorter one ({@code "ab1"}, a PIN)
 * would otherwise eat into ordinary words and numbers, so it is replaced where it stands on its
 * own: the whole text, or an occurrence with no letter, digit or underscore right before or after
 * it ({@code pass=ab1;} and {@code "with ab1"} are masked, {@code tab123} is not). Such a secret
 * also hides the same word standing alone elsewhere in the output: over-masking is the safe way to err.
 */
public final class SecretMask {
    public static final String MASK = "********";
    /** From this length on, a secret is masked anywhere in a text. */
    public static final int SHORT = 4;

    private SecretMask() {
    }

    /** {@code text} with every secret replaced by {@link #MASK}; longest secrets first, so none is partly masked. */
    public static String mask(String text, Collection<String> secrets) {
        if (text == null || text.isEmpty() || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : sorted(secrets)) {
            if (s.length() >= SHORT) {
                out = out.replace(s, MASK);
            } else if (out.contains(s)) {
                out = alone(s).matcher(out).replaceAll(Matcher.quoteReplacement(MASK));
            }
        }
        return out;
    }

    /** True when {@link #mask} would hide {@code secret} in {@code text}. */
    public static boolean appearsIn(String text, String secret) {
        if (text == null || !usable(secret) || !text.contains(secret)) {
            return false;
        }
        return secret.length() >= SHORT || alone(secret).matcher(text).find();
    }

    /** A value worth masking: not empty and not only whitespace. */
    public static boolean usable(String secret) {
        return secret != null && !secret.isBlank();
    }

    private static List<String> sorted(Collection<String> secrets) {
        return secrets.stream().filter(SecretMask::usable).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder())).toList();
    }

    private static Pattern alone(String secret) {
        return Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(secret) + "(?![\\p{L}\\p{N}_])");
    }
}

package dev.runbook.cli;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import dev.runbook.state.Json;
import dev.runbook.state.Records;
import dev.runbook.state.RunOrigin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A resumed run uses the options it was started with. Extra vars are recorded as one JSON map
 * with the values of secret-looking names masked; those (and only those) are given again.
 */
final class ResumedOptions {
    static final String MASK = "********";
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|passwd|_pass$|^pass$|secret|token|api_?key|credential|private_key).*");

    private ResumedOptions() {
    }

    /** @param secrets values that must never be written (decrypted from a vault), masked wherever they appear */
    static List<String> recordedExtraVars(Map<String, Object> extra, java.util.Set<String> secrets) {
        if (extra.isEmpty()) {
            return List.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        extra.forEach((k, v) -> out.put(k, SECRET.matcher(k).matches() || holdsSecret(v, secrets) ? MASK : Records.plain(v)));
        return List.of(Json.line(out));
    }

    private static boolean holdsSecret(Object v, java.util.Set<String> secrets) {
        String text = Json.line(Map.of("v", Records.plain(v)));
        return secrets.stream().anyMatch(s -> dev.runbook.vault.SecretMask.appearsIn(text, s));
    }

    static void apply(RunOrigin origin, RunOptions o) {
        if (!o.inventory.isEmpty() && !sources(o.inventory).equals(origin.inventories())) {
            throw UserInputException.of(SourceSpan.NONE, "--resume continues the run with its own -i ("
                    + (origin.inventories().isEmpty() ? "localhost" : String.join(" ", origin.inventories())) + "), not "
                    + String.join(" ", o.inventory), "leave -i out");
        }
        same("--limit", o.limit, origin.limit());
        same("--only", o.only, origin.only());
        same("--from", o.from, origin.from());
        o.inventory = new ArrayList<>(origin.inventories());
        o.limit = origin.limit();
        o.only = origin.only();
        o.from = origin.from();
        o.forks = origin.forks();
        o.extraVars = extraVars(origin.extraVars(), o.extraVars);
    }

    /** Inventory sources as recorded: paths made absolute, host lists as given. */
    static List<String> sources(List<String> given) {
        return given.stream().map(i -> java.nio.file.Files.exists(Path.of(i)) ? Path.of(i).toAbsolutePath().normalize().toString() : i)
                .toList();
    }

    private static void same(String flag, String given, String recorded) {
        if (given != null && !Objects.equals(given, recorded)) {
            throw UserInputException.of(SourceSpan.NONE, "--resume continues the run with its own " + flag + " ("
                    + (recorded == null ? "none" : recorded) + "), not " + given, "leave " + flag + " out");
        }
    }

    /** The recorded -e, with the masked values taken from the -e given now (only those may be given). */
    private static List<String> extraVars(List<String> recorded, List<String> given) {
        Map<String, Object> now = ExtraVars.parse(given);
        Map<String, Object> then = recorded.isEmpty() ? Map.of() : Objects.requireNonNull(Json.parse(recorded.get(0)));
        List<String> missing = new ArrayList<>();
        Map<String, Object> out = new LinkedHashMap<>(then);
        then.forEach((k, v) -> {
            if (MASK.equals(v)) {
                if (now.containsKey(k)) {
                    out.put(k, now.get(k));
                } else {
                    missing.add(k);
                }
            }
        });
        for (String k : now.keySet()) {
            if (!MASK.equals(then.get(k))) {
                throw UserInputException.of(SourceSpan.NONE, "--resume continues the run with its own extra vars; -e " + k
                        + " " + (then.containsKey(k) ? "was already given to it" : "was not part of it"),
                        "give -e only for the secret values the journal does not keep" + (then.values().contains(MASK)
                                ? " (" + String.join(", ", then.entrySet().stream().filter(e -> MASK.equals(e.getValue()))
                                .map(Map.Entry::getKey).toList()) + ")" : ""));
            }
        }
        if (!missing.isEmpty()) {
            throw UserInputException.of(SourceSpan.NONE, "the run was started with secret extra vars that are not kept on disk: "
                    + String.join(", ", missing), "give them again: --resume -e " + missing.get(0) + "=...");
        }
        return out.isEmpty() ? List.of() : List.of(Json.line(out));
    }
}

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

    static List<String> recordedExtraVars(Map<String, Object> extra) {
        if (extra.isEmpty()) {
            return List.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        extra.forEach((k, v) -> out.put(k, SECRET.matcher(k).matches() ? MASK : Records.plain(v)));
        return List.of(Json.line(out));
    }

    static void apply(RunOrigin origin, RunOptions o) {
        same("-i", o.inventory == null ? null : o.inventory.toAbsolutePath().normalize().toString(), origin.inventory());
        same("--limit", o.limit, origin.limit());
        same("--only", o.only, origin.only());
        same("--from", o.from, origin.from());
        o.inventory = origin.inventory() == null ? null : Path.of(origin.inventory());
        o.limit = origin.limit();
        o.only = origin.only();
        o.from = origin.from();
        o.forks = origin.forks();
        o.extraVars = extraVars(origin.extraVars(), o.extraVars);
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

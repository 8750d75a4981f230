package dev.runbook.template.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbook.testing.DebianPackages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real ansible-core (Debian's package) evaluating a whole corpus in one Python process, through
 * Ansible's own Templar and Conditional classes (oracle.py): the same code that renders task
 * arguments, template files and {@code when:} in a playbook.
 */
final class AnsibleOracle {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEADLINE_SECONDS = 120;

    /** What Ansible gave for one case: a value (a string, or a boolean for conditions) or an error. */
    record Answer(Object value, String error) {
    }

    private AnsibleOracle() {
    }

    static List<Answer> evaluate(List<Corpus.Case> cases, Path varsFile, Path work) throws IOException, InterruptedException {
        DebianPackages.ensure("/usr/bin/ansible", "ansible-core");
        Path script = copy("oracle.py", work);
        ObjectNode spec = JSON.createObjectNode();
        spec.put("vars", varsFile.toString());
        ArrayNode list = spec.putArray("cases");
        for (Corpus.Case c : cases) {
            list.addObject().put("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT)).put("text", c.text());
        }
        Path input = work.resolve("cases.json");
        JSON.writeValue(input.toFile(), spec);
        Path output = work.resolve("answers.json");
        Path errors = work.resolve("oracle.err");
        ProcessBuilder pb = new ProcessBuilder(pythonOfAnsible(), script.toString(), input.toString())
            .redirectOutput(output.toFile()).redirectError(errors.toFile());
        // ansible-core alone is the oracle: collections installed beside it (Debian's `ansible` package,
        // which other tests install) would otherwise add filters such as community.general.dict.
        Path noCollections = Files.createDirectories(work.resolve("no-collections"));
        pb.environment().put("ANSIBLE_COLLECTIONS_SCAN_SYS_PATH", "false");
        pb.environment().put("ANSIBLE_COLLECTIONS_PATH", noCollections.toString());
        Process p = pb.start();
        if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("ansible oracle did not finish in " + DEADLINE_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("ansible oracle failed: " + Files.readString(errors));
        }
        List<Answer> out = new ArrayList<>();
        for (JsonNode n : JSON.readTree(output.toFile())) {
            JsonNode v = n.get("value");
            out.add(v == null ? new Answer(null, n.get("error").asText())
                : new Answer(v.isBoolean() ? (Object) v.asBoolean() : v.asText(), null));
        }
        if (out.size() != cases.size()) {
            throw new IllegalStateException("ansible oracle answered " + out.size() + " of " + cases.size() + " cases");
        }
        return out;
    }

    /** The interpreter ansible itself runs with (its shebang), which has ansible's modules. */
    private static String pythonOfAnsible() throws IOException {
        String first = Files.readAllLines(Path.of("/usr/bin/ansible")).get(0);
        return first.replaceFirst("^#!\\s*", "").trim().split("\\s+")[0];
    }

    static Path copy(String resource, Path dir) throws IOException {
        Path target = dir.resolve(resource);
        try (InputStream in = AnsibleOracle.class.getResourceAsStream("/template-diff/" + resource)) {
            Files.writeString(target, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return target;
    }
}

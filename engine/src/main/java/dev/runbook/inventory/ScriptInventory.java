package dev.runbook.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An executable inventory script, run as Ansible's script plugin runs it: {@code SCRIPT --list}
 * prints JSON of groups ({@code {"hosts": [...], "vars": {...}, "children": [...]}}, a plain list
 * of hosts, or a mapping of variables meaning a host of the group's name), and
 * {@code _meta.hostvars} holds each host's variables. Without {@code _meta.hostvars},
 * {@code SCRIPT --host NAME} is run for every host.
 */
final class ScriptInventory {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path script;
    private final SourceSpan at;
    private final InventoryBuilder b;
    private final Set<String> hosts = new LinkedHashSet<>();

    private ScriptInventory(Path script, InventoryBuilder b) {
        this.script = script;
        this.at = SourceSpan.of(script.toString(), 0, 0);
        this.b = b;
    }

    static void parse(Path script, InventoryBuilder b) {
        new ScriptInventory(script, b).parse();
    }

    private void parse() {
        Map<String, Object> top = object(run("--list"), "--list");
        Object meta = null;
        for (Map.Entry<String, Object> e : top.entrySet()) {
            if (e.getKey().equals("_meta")) {
                if (e.getValue() instanceof Map<?, ?> m && m.containsKey("hostvars")) {
                    meta = m.get("hostvars");
                }
            } else {
                group(e.getKey(), e.getValue());
            }
        }
        for (String host : hosts) {
            Object vars;
            if (meta == null) {
                vars = object(run("--host", host), "--host " + host);
            } else if (meta instanceof Map<?, ?> m) {
                vars = m.containsKey(host) ? m.get(host) : Map.of();
            } else {
                throw error("_meta.hostvars must be a mapping of host names to variables");
            }
            if (!(vars instanceof Map<?, ?> hv)) {
                throw error("the variables of host '" + host + "' must be a mapping, not " + vars);
            }
            hv.forEach((k, v) -> b.setHostVar(host, String.valueOf(k), YamlSupport.normalize(v)));
        }
    }

    @SuppressWarnings("unchecked")
    private void group(String name, Object data) {
        b.group(name);
        Map<String, Object> body;
        if (!(data instanceof Map<?, ?> m)) {
            body = Map.of("hosts", data == null ? List.of() : data);
        } else if (!m.containsKey("hosts") && !m.containsKey("vars") && !m.containsKey("children")) {
            body = Map.of("hosts", List.of(name), "vars", m);
        } else {
            body = (Map<String, Object>) m;
        }
        if (body.containsKey("hosts")) {
            if (!(body.get("hosts") instanceof List<?> list)) {
                throw error("group '" + name + "' has bad data for its host list: " + body.get("hosts"));
            }
            for (Object h : list) {
                String host = String.valueOf(h);
                hosts.add(host);
                b.addHost(host, name, null);
            }
        }
        if (body.containsKey("vars")) {
            if (!(body.get("vars") instanceof Map<?, ?> vars)) {
                throw error("group '" + name + "' has bad data for its variables: " + body.get("vars"));
            }
            vars.forEach((k, v) -> b.setGroupVar(name, String.valueOf(k), YamlSupport.normalize(v), at));
        }
        if (body.get("children") instanceof List<?> kids) {
            for (Object kid : kids) {
                b.group(String.valueOf(kid));
                b.addChild(name, String.valueOf(kid), at);
            }
        }
    }

    private String run(String... args) {
        List<String> command = new ArrayList<>(List.of(script.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            // stderr is read on its own thread so that neither stream can fill up and block the script
            var err = new java.util.concurrent.CompletableFuture<byte[]>();
            Thread reader = new Thread(() -> {
                try {
                    err.complete(p.getErrorStream().readAllBytes());
                } catch (IOException e) {
                    err.complete(new byte[0]);
                }
            }, "inventory-script-stderr");
            reader.start();
            byte[] out = p.getInputStream().readAllBytes();
            int rc = p.waitFor();
            reader.join();
            if (rc != 0) {
                String why = new String(err.join(), StandardCharsets.UTF_8).strip();
                throw error("the inventory script failed: '" + String.join(" ", args) + "' exited with status " + rc
                        + (why.isEmpty() ? "" : ": " + why));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw UserInputException.of(at, "cannot run the inventory script: " + e.getMessage(),
                    "an inventory script must be executable; a plain inventory file must not be");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error("interrupted while running the inventory script");
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(String json, String what) {
        try {
            Object v = JSON.readValue(json, Object.class);
            if (v instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
            throw error("the inventory script's output for " + what + " must be a JSON object");
        } catch (JsonProcessingException e) {
            throw error("the inventory script's output for " + what + " is not JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    private UserInputException error(String summary) {
        return UserInputException.of(at, summary, "");
    }
}

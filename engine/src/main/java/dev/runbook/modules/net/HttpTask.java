package dev.runbook.modules.net;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.runbook.modules.Args;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** One http task: its first request, the replies it accepts, and the chain it may follow. */
record HttpTask(Args args, String method, String body, String contentType, Set<Integer> codes, Follow follow) {
    private static final String FORM = "application/x-www-form-urlencoded";
    /** Result keys of the module itself; a header never replaces one (a "Status" or "URL" header). */
    private static final Set<String> OWN_KEYS = Set.of("steps", "status", "url", "content_type", "json", "content",
            "headers", "cookies", "cookies_string", "changed", "failed", "msg");

    static HttpTask of(Args args) throws ModuleException {
        try {
            String body = null;
            String type = null;
            if (args.has("form")) {
                body = urlencoded(args.map("form"));
                type = FORM;
            } else if (args.has("body")) {
                Object b = args.get("body");
                String format = args.has("body_format") ? args.string("body_format")
                        : b instanceof Map || b instanceof List ? "json" : "raw";
                body = switch (format) {
                    case "json" -> b instanceof String s ? s : Http.Json.MAPPER.writeValueAsString(b);
                    case "form", "form-urlencoded" -> b instanceof Map<?, ?> m ? urlencoded(m) : String.valueOf(b);
                    default -> String.valueOf(b);
                };
                type = format.equals("json") ? "application/json" : format.startsWith("form") ? FORM : null;
            }
            String method = args.has("method") ? args.string("method").toUpperCase(Locale.ROOT) : body != null ? "POST" : "GET";
            return new HttpTask(args, method, body, type, statusCodes(args.get("status_code")), Follow.from(args.get("follow")));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new ModuleException(e.getMessage());
        }
    }

    /** GET/HEAD with no chain to follow: safe to run while planning. */
    boolean safe() {
        return (method.equals("GET") || method.equals("HEAD")) && follow == null;
    }

    static Set<Integer> statusCodes(Object value) {
        List<?> items = value instanceof List<?> l ? l : List.of(value == null ? 200 : value);
        Set<Integer> codes = new LinkedHashSet<>();
        for (Object o : items) {
            String s = String.valueOf(o).trim();
            if (!s.matches("[1-5][0-9][0-9]")) {
                throw new IllegalArgumentException("status_code must be an HTTP status (like 200) or a list of them, got '" + o + "'");
            }
            codes.add(Integer.parseInt(s));
        }
        return codes;
    }

    private static String urlencoded(Map<?, ?> fields) {
        StringJoiner j = new StringJoiner("&");
        fields.forEach((k, v) -> {
            for (Object item : v instanceof List<?> l ? l : java.util.Collections.singletonList(v)) {
                j.add(URLEncoder.encode(String.valueOf(k), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(item == null ? "" : String.valueOf(item), StandardCharsets.UTF_8));
            }
        });
        return j.toString();
    }

    /** Sends the request (and follows its chain), keeping cookies in {@code jar}. */
    ModuleResult run(CookieJar jar) throws ModuleException, InterruptedException {
        HttpSession session = new HttpSession(new HttpSession.Options(strings(args.map("headers")), strings(args.map("cookies")),
                args.duration("timeout"), args.bool("validate_certs"), args.bool("follow_redirects"),
                args.string("url_username"), args.string("url_password")), jar);
        URI url = URI.create(args.string("url"));
        List<String> steps = new ArrayList<>(List.of(url.toString()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("steps", steps);
        HttpSession.Reply reply = session.send(method, url, body, contentType);
        String problem = accept(reply, data);
        if (problem == null && follow != null) {
            Walk end = walk(session, reply, steps, data);
            reply = end.last();
            problem = end.problem();
        }
        if (problem == null) {
            problem = contentProblem(reply.body());
        }
        data.put("cookies", jar.asMap());
        data.put("cookies_string", jar.asString());
        if (problem != null) {
            return new ModuleResult(false, true, problem, data, null);
        }
        String msg = method + " " + args.string("url") + " → " + reply.status()
                + (steps.size() > 1 ? " after " + steps.size() + " steps" : "");
        return new ModuleResult(!safe(), false, msg, data, null);
    }

    /** Where a chain of replies ended: its last reply, and what was wrong (null: finished). */
    private record Walk(HttpSession.Reply last, String problem) {
    }

    /** Registers one reply; returns what is wrong with it, or null. */
    private String accept(HttpSession.Reply reply, Map<String, Object> data) {
        JsonNode json = Http.parse(reply.body());
        record(data, reply, json);
        String problem = statusProblem(reply);
        if (problem != null) {
            return problem;
        }
        // a chain needs JSON in every reply; otherwise only a reply that claims to be JSON must parse
        boolean jsonExpected = follow != null || reply.contentType().contains("json") && !reply.body().isBlank();
        return json == null && jsonExpected ? notJson(reply) : null;
    }

    /** Follows {@code next} links until done, an error, a bad reply or max_steps. */
    private Walk walk(HttpSession session, HttpSession.Reply first, List<String> steps, Map<String, Object> data)
            throws ModuleException, InterruptedException {
        HttpSession.Reply reply = first;
        while (true) {
            JsonNode json = Http.parse(reply.body());
            String error = follow.errorIn(json);
            if (error != null) {
                return new Walk(reply, "step " + steps.size() + " (" + reply.uri() + ") reported an error: " + error);
            }
            String next = follow.nextIn(json);
            if (next == null) {
                return new Walk(reply, follow.doneIn(json) ? null : "the reply of step " + steps.size() + " (" + reply.uri()
                        + ") has neither '" + follow.next() + "', '" + follow.done() + "' nor '" + follow.error() + "':\n"
                        + HttpSession.firstLines(reply.body()));
            }
            if (steps.size() >= follow.maxSteps()) {
                return new Walk(reply, "not done after " + follow.maxSteps() + " steps (max_steps); the last reply pointed to " + next);
            }
            URI nextUri = reply.uri().resolve(next);
            steps.add(nextUri.toString());
            reply = session.send("GET", nextUri, null, null);
            String problem = accept(reply, data);
            if (problem != null) {
                return new Walk(reply, problem);
            }
        }
    }

    private void record(Map<String, Object> data, HttpSession.Reply reply, JsonNode json) {
        data.keySet().removeIf(k -> !OWN_KEYS.contains(k));
        Map<String, Object> headers = headers(reply);
        // as Ansible's uri: every header also at the top level, lower-cased with '-' as '_' (retry_after)
        headers.forEach((k, v) -> {
            if (!OWN_KEYS.contains(k.replace('-', '_'))) {
                data.put(k.replace('-', '_'), v);
            }
        });
        if (headers.get("location") instanceof String loc) {
            try {
                data.put("location", reply.uri().resolve(loc.strip()).toString()); // absolute, as Ansible's uri
            } catch (IllegalArgumentException e) {
                // not a URL: registered as sent
            }
        }
        data.put("headers", headers);
        data.put("status", reply.status());
        data.put("url", reply.uri().toString());
        data.put("content_type", reply.contentType());
        // absent rather than null: registered results never hold nulls
        if (json != null) {
            data.put("json", Http.plain(json));
        } else {
            data.remove("json");
        }
        if (args.bool("return_content")) {
            data.put("content", reply.body());
        }
    }

    /** Header names lower-cased, repeated headers joined with ", " (as Ansible's fetch_url). */
    static Map<String, Object> headers(HttpSession.Reply reply) {
        Map<String, Object> out = new TreeMap<>();
        reply.headers().forEach((k, values) -> {
            if (!k.startsWith(":")) {
                out.merge(k.toLowerCase(Locale.ROOT), String.join(", ", values), (a, b) -> a + ", " + b);
            }
        });
        return new LinkedHashMap<>(out);
    }

    private static Map<String, String> strings(Map<String, Object> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    private String statusProblem(HttpSession.Reply reply) {
        if (codes.contains(reply.status())) {
            return null;
        }
        return reply.uri() + " answered HTTP " + reply.status() + ", expected "
                + String.join(" or ", codes.stream().map(String::valueOf).toList()) + ":\n" + HttpSession.firstLines(reply.body());
    }

    private String contentProblem(String body) {
        if (args.has("must_match") && !Pattern.compile(args.string("must_match")).matcher(body).find()) {
            return "the reply does not match /" + args.string("must_match") + "/:\n" + HttpSession.firstLines(body);
        }
        if (args.has("must_not_match") && Pattern.compile(args.string("must_not_match")).matcher(body).find()) {
            return "the reply matches /" + args.string("must_not_match") + "/:\n" + HttpSession.firstLines(body);
        }
        return null;
    }

    private static String notJson(HttpSession.Reply reply) {
        return reply.uri() + " did not answer with JSON (HTTP " + reply.status() + "):\n" + HttpSession.firstLines(reply.body());
    }
}

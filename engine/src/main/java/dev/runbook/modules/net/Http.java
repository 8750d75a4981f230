package dev.runbook.modules.net;

import dev.runbook.modules.Resource;
import dev.runbook.modules.Footprint;
import static dev.runbook.modules.system.Checks.ensureValid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * HTTP requests from the controller (java.net.http), like Ansible's uri, plus {@code follow}:
 * walking a chain of JSON replies where each names the next URL, as web applications' upgrade
 * wizards do. Needs no connection to the host. Cookies are kept in a jar shared by the http tasks of
 * one step on one host.
 */
public final class Http implements Module {
    /** Jackson loads on first use only: validating a runbook never needs it. */
    static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();

        private Json() {
        }
    }
    private static final ModuleSpec SPEC = new ModuleSpec("http",
            "Send HTTP requests from the controller and check the answers; can follow a chain of JSON replies "
                    + "(next/success/error) such as a web application's upgrade steps. Cookies set by a server are kept for "
                    + "the later http tasks of the same step on the same host. Registers status, url, headers (lower-case "
                    + "names, also at the top level as Ansible's uri: retry_after), cookies, cookies_string, json, content.",
            List.of(
                    ArgSpec.required("url", ArgType.STRING, "The URL to request."),
                    ArgSpec.optional("method", ArgType.STRING, null, "GET, POST, PUT, DELETE, ... Default: POST when body or form is given, else GET."),
                    ArgSpec.optional("headers", ArgType.MAP, null, "Request headers. A Cookie header is merged with the step's cookies."),
                    ArgSpec.optional("cookies", ArgType.MAP, null,
                            "Cookies (name: value) sent with every request of the task, whatever their path; they win over "
                                    + "cookies of the same name in the step's jar."),
                    ArgSpec.optional("body", ArgType.ANY, null, "The request body: a string, or a map/list sent as JSON."),
                    ArgSpec.optional("body_format", ArgType.STRING, null,
                            "How body is encoded. Default: json for a map or list, raw for a string. form (or Ansible's "
                                    + "form-urlencoded) URL-encodes a map.").withChoices("json", "form", "form-urlencoded", "raw"),
                    ArgSpec.optional("form", ArgType.MAP, null, "Fields sent as application/x-www-form-urlencoded."),
                    ArgSpec.optional("status_code", ArgType.ANY, 200, "The expected status code, or a list of them."),
                    ArgSpec.optional("return_content", ArgType.BOOL, false, "Register the body as content."),
                    ArgSpec.optional("validate_certs", ArgType.BOOL, true, "Check the server's TLS certificate and host name."),
                    ArgSpec.optional("follow_redirects", ArgType.BOOL, true, "Follow 3xx redirects."),
                    ArgSpec.optional("timeout", ArgType.DURATION, 30, "Per request."),
                    ArgSpec.optional("url_username", ArgType.STRING, null, "User for HTTP basic authentication."),
                    ArgSpec.optional("url_password", ArgType.STRING, null, "Password for HTTP basic authentication.").asSecret(),
                    ArgSpec.optional("must_match", ArgType.STRING, null, "Fail unless the (last) body contains a match of this regex."),
                    ArgSpec.optional("must_not_match", ArgType.STRING, null, "Fail when the (last) body contains a match of this regex."),
                    ArgSpec.optional("follow", ArgType.ANY, null,
                            "Follow a chain of JSON replies: true, or a map {next: FIELD, done: FIELD or 'FIELD == value', "
                                    + "error: FIELD, max_steps: 50}. Defaults: next, success, error.")),
            false, """
            http:
              url: "https://shop.example.com/install/index.php?route=upgrade/upgrade_1"
              follow:
                next: next
                done: success
                error: error
            """);

    @Override
    public Footprint footprint(Args args) {
        try {
            return HttpTask.of(args).safe() ? Footprint.readsOnly(Resource.anything()) : Footprint.UNDECLARED;
        } catch (ModuleException e) {
            return Footprint.UNDECLARED; // check reports the problem
        }
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        List<String> problems = new ArrayList<>();
        try {
            HttpTask.statusCodes(args.get("status_code"));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        String follow = Follow.problem(args.get("follow"));
        if (follow != null) {
            problems.add(follow);
        }
        if (args.has("body") && args.has("form")) {
            problems.add("give either body or form, not both");
        }
        for (String name : List.of("must_match", "must_not_match")) {
            if (args.has(name)) {
                try {
                    Pattern.compile(args.string(name));
                } catch (PatternSyntaxException e) {
                    problems.add(name + " is not a valid regular expression: " + e.getDescription());
                }
            }
        }
        try {
            URI u = URI.create(args.string("url"));
            if (u.getScheme() == null || !u.getScheme().matches("https?")) {
                problems.add("url must start with http:// or https://, got '" + args.string("url") + "'");
            }
        } catch (IllegalArgumentException e) {
            problems.add("url is not a valid URL: " + e.getMessage());
        }
        return problems;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, InterruptedException {
        ensureValid(this, args);
        HttpTask task = HttpTask.of(args);
        if (!task.safe()) {
            return Change.unknown("would " + task.method() + " " + args.string("url")
                    + (task.follow() != null ? " and follow its chain of replies" : ""));
        }
        ModuleResult r;
        try {
            r = task.run(jar(ctx));
        } catch (ModuleException e) {
            // the service may only come up in an earlier step of this run
            return Change.unknown(e.getMessage());
        }
        if (r.failed()) {
            return Change.unknown(r.msg());
        }
        Map<String, Object> result = new LinkedHashMap<>(r.data());
        result.put("changed", false);
        return Change.none(r.msg()).withResult(result);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, InterruptedException {
        ensureValid(this, args);
        return HttpTask.of(args).run(jar(ctx));
    }

    private static CookieJar jar(ModuleContext ctx) {
        return ctx.stepShared(CookieJar.class, CookieJar::new);
    }

    /** A GET or HEAD without a chain to follow (a chain may walk an upgrade). */
    @Override
    public boolean isReadOnly(Map<String, Object> args) {
        Object method = args.get("method");
        boolean hasBody = args.get("body") != null || args.get("form") != null;
        String m = method == null ? (hasBody ? "POST" : "GET") : String.valueOf(method).toUpperCase(java.util.Locale.ROOT);
        Object follow = args.get("follow");
        return (m.equals("GET") || m.equals("HEAD")) && (follow == null || "false".equals(String.valueOf(follow)));
    }

    /** Parsed JSON as plain maps and lists (what register holds), or null when not JSON. */
    static Object plain(JsonNode node) {
        return node == null ? null : Json.MAPPER.convertValue(node, Object.class);
    }

    static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}

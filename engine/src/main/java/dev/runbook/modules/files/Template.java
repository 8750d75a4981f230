package dev.runbook.modules.files;

import dev.runbook.modules.Resource;
import dev.runbook.modules.Footprint;
import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Ansible's template: a Jinja2 file on the controller, rendered with the task's variables, put
 * on the host like copy. Rendering happens in plan mode too, so the plan shows the real diff.
 */
public final class Template extends PlannedModule {
    private static final ModuleSpec SPEC = new ModuleSpec("template",
            "Render a Jinja2 template from the controller with the task's variables and write the result to the target. "
                    + "Plan mode renders too: `+` for a new file, `~` with the diff of the rendered content, `=` when the "
                    + "rendered sha256 and attributes already match.",
            args(), false, """
            template:
              src: templates/vhost.conf.j2
              dest: /etc/nginx/sites-available/shop.conf
              mode: "0644"
              validate: nginx -t -c %s
            """);

    private static List<ArgSpec> args() {
        List<ArgSpec> a = new ArrayList<>(List.of(
                ArgSpec.required("src", ArgType.STRING, "The Jinja2 template on the controller, relative to the runbook."),
                ArgSpec.required("dest", ArgType.STRING, "Path of the rendered file on the target (an existing directory "
                        + "receives it under the template's name)."),
                ArgSpec.optional("force", ArgType.BOOL, true, "Replace a file whose content differs. With false, an "
                        + "existing file is left alone.")));
        a.add(Copy.FOLLOW);
        a.addAll(Copy.WRITE_ARGS);
        return a;
    }

    @Override
    public Footprint footprint(Args args) {
        return Footprint.on(Resource.path(args.string("dest")));
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        return Copy.validateCommand(args);
    }

    @Override
    Plan decide(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        Path local = ctx.controllerFile(args.string("src"), "templates");
        var decrypted = ctx.decryptedControllerFile(local);
        String text = decrypted.isPresent() ? new String(decrypted.get(), StandardCharsets.UTF_8) : read(local, args.string("src"));
        String rendered = ctx.render(text);
        return CopyFile.plan(ctx, args, Content.of(rendered.getBytes(StandardCharsets.UTF_8)), local.getFileName().toString());
    }

    private static String read(Path local, String src) throws ModuleException {
        if (!Files.isRegularFile(local)) {
            throw new ModuleException("template " + src + " not found on the controller (looked for " + local + ")"
                    + (Files.isDirectory(local) ? ": it is a directory" : ""));
        }
        try {
            return Files.readString(local, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModuleException("cannot read template " + local + ": " + e.getMessage(), e);
        }
    }
}

package dev.runbook.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real ansible-core commands (Debian's package, installed when missing) as the oracle:
 * run in a directory with a clean configuration (no ansible.cfg from the environment), a
 * deadline, and stdout and stderr kept apart.
 */
public final class RealAnsible {
    public record Result(int exit, String out, String err) {
        public Result requireOk() {
            if (exit != 0) {
                throw new IllegalStateException("ansible exited " + exit + ":\n" + err + out);
            }
            return this;
        }
    }

    private RealAnsible() {
    }

    /** Runs {@code /usr/bin/<argv[0]>} with the rest as arguments, {@code stdin} fed in (may be null). */
    public static Result run(Path dir, Map<String, String> env, String stdin, String... argv) {
        DebianPackages.ensure("/usr/bin/ansible-vault", "ansible-core");
        List<String> command = new ArrayList<>(List.of("/usr/bin/" + argv[0]));
        command.addAll(List.of(argv).subList(1, argv.length));
        try {
            Path home = Files.createDirectories(dir.resolve(".ansible-home"));
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
            pb.environment().put("HOME", home.toString());
            pb.environment().put("ANSIBLE_CONFIG", dir.resolve(".no-ansible.cfg").toString());
            pb.environment().put("ANSIBLE_LOCAL_TEMP", home.resolve("tmp").toString());
            pb.environment().put("ANSIBLE_NOCOLOR", "1");
            pb.environment().remove("ANSIBLE_VAULT_PASSWORD_FILE");
            pb.environment().putAll(env);
            Path out = Files.createTempFile(home, "out", ".txt");
            Path err = Files.createTempFile(home, "err", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 3 minutes");
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

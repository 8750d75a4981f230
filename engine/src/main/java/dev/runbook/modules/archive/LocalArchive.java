package dev.runbook.modules.archive;

import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.Args;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The archive as a file on the controller: the controller's own file, or a copy fetched from the
 * target for remote_src (deleted on close). Fetching only reads the target.
 */
record LocalArchive(Path path, boolean temporary) implements AutoCloseable {

    static LocalArchive open(ModuleContext ctx, Args args) throws ModuleException, ConnectionException {
        String src = args.string("src");
        if (!args.bool("remote_src")) {
            Path p = ctx.controllerFile(src, "files");
            if (!Files.isRegularFile(p)) {
                throw new ModuleException("archive " + p + " not found on the controller (src is relative to the "
                        + "runbook; use remote_src: true for a file on the target)");
            }
            return new LocalArchive(p, false);
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("runbook-archive", ".bin");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ctx.connection().download(src, out);
            }
            return new LocalArchive(tmp, true);
        } catch (IOException e) {
            Sync.deleteQuietly(tmp);
            throw new ModuleException("cannot fetch archive " + src + " from " + ctx.host() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (temporary) {
            Sync.deleteQuietly(path);
        }
    }
}

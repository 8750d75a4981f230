package dev.runbook.modules.files;

import java.util.List;

/**
 * The answer of one {@link FileProbe} call: every asked path, the numeric ids of the wanted owner
 * and group (null when given but unknown on the host) and the host's umask.
 */
public record Probe(List<RemoteFile> files, Integer ownerId, Integer groupId, int umask) {
    public Probe {
        files = List.copyOf(files);
    }

    public RemoteFile file(int index) {
        return files.get(index);
    }

    public RemoteFile first() {
        return files.get(0);
    }
}

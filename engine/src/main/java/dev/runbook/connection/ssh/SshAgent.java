package dev.runbook.connection.ssh;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.common.Buffer;

/**
 * A minimal ssh-agent client (the agent protocol over the Unix socket in SSH_AUTH_SOCK): lists
 * the agent's keys and asks it to sign. Private keys never leave the agent.
 */
final class SshAgent {
    private static final byte FAILURE = 5;
    private static final byte REQUEST_IDENTITIES = 11;
    private static final byte IDENTITIES_ANSWER = 12;
    private static final byte SIGN_REQUEST = 13;
    private static final byte SIGN_RESPONSE = 14;
    private static final int MAX_REPLY = 256 * 1024;

    private final Path socket;

    SshAgent(Path socket) {
        this.socket = socket;
    }

    /** The agent named by SSH_AUTH_SOCK, or null when there is none. */
    static SshAgent fromEnvironment() {
        String sock = System.getenv("SSH_AUTH_SOCK");
        return sock == null || sock.isBlank() || !Files.exists(Path.of(sock)) ? null : new SshAgent(Path.of(sock));
    }

    Path socket() {
        return socket;
    }

    /** One key held by the agent: its public blob (SSH wire format) and comment. */
    record Identity(byte[] blob, String comment) {
        String type() throws Buffer.BufferException {
            return new Buffer.PlainBuffer(blob).readString();
        }
    }

    List<Identity> identities() throws IOException {
        Buffer.PlainBuffer reply = call(new Buffer.PlainBuffer().putByte(REQUEST_IDENTITIES));
        byte type = reply.readByte();
        if (type != IDENTITIES_ANSWER) {
            throw new IOException("ssh-agent at " + socket + " refused to list keys (reply " + type + ")");
        }
        long n = reply.readUInt32();
        List<Identity> keys = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            keys.add(new Identity(reply.readStringAsBytes(), reply.readString()));
        }
        return keys;
    }

    /** The signature blob (algorithm name and signature) over {@code data}. */
    byte[] sign(byte[] blob, byte[] data, int flags) throws IOException {
        Buffer.PlainBuffer reply = call(new Buffer.PlainBuffer().putByte(SIGN_REQUEST).putBytes(blob).putBytes(data)
                .putUInt32(flags));
        byte type = reply.readByte();
        if (type == FAILURE) {
            throw new IOException("ssh-agent at " + socket + " refused to sign (key locked or confirmation denied?)");
        }
        if (type != SIGN_RESPONSE) {
            throw new IOException("ssh-agent at " + socket + " sent an unexpected reply " + type);
        }
        return reply.readStringAsBytes();
    }

    private Buffer.PlainBuffer call(Buffer.PlainBuffer request) throws IOException {
        byte[] body = request.getCompactData();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
            while (out.hasRemaining()) {
                ch.write(out);
            }
            ByteBuffer len = read(ch, 4);
            int size = len.getInt();
            if (size <= 0 || size > MAX_REPLY) {
                throw new IOException("ssh-agent at " + socket + " sent a reply of " + size + " bytes");
            }
            return new Buffer.PlainBuffer(read(ch, size).array());
        }
    }

    private static ByteBuffer read(SocketChannel ch, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException("ssh-agent closed the connection");
            }
        }
        return b.flip();
    }
}

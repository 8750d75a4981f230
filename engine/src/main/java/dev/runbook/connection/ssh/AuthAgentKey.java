package dev.runbook.connection.ssh;

import java.io.IOException;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/**
 * The "publickey" method with one key held by ssh-agent: a first request without signature asks
 * whether the server takes the key; if it does, the agent signs the second one.
 */
final class AuthAgentKey extends AbstractAuthMethod {
    /** Agent flag: sign an RSA key with SHA-256 (OpenSSH servers refuse SHA-1 "ssh-rsa"). */
    private static final int RSA_SHA2_256 = 2;

    private final SshAgent agent;
    private final SshAgent.Identity key;

    AuthAgentKey(SshAgent agent, SshAgent.Identity key) {
        super("publickey");
        this.agent = agent;
        this.key = key;
    }

    private String algorithm() throws UserAuthException {
        try {
            String type = key.type();
            return type.equals("ssh-rsa") ? "rsa-sha2-256" : type;
        } catch (Buffer.BufferException e) {
            throw new UserAuthException("unreadable key from ssh-agent", e);
        }
    }

    private SSHPacket request(boolean signed) throws UserAuthException {
        SSHPacket p = super.buildReq().putBoolean(signed);
        p.putString(algorithm()).putString(key.blob());
        return p;
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        return request(false);
    }

    @Override
    public void handle(Message cmd, SSHPacket buf) throws UserAuthException, TransportException {
        if (cmd != Message.USERAUTH_60) {
            super.handle(cmd, buf);
            return;
        }
        SSHPacket signed = request(true);
        byte[] data = new Buffer.PlainBuffer().putString(params.getTransport().getSessionID()).putBuffer(signed)
                .getCompactData();
        try {
            int flags = algorithm().equals("rsa-sha2-256") ? RSA_SHA2_256 : 0;
            signed.putString(agent.sign(key.blob(), data, flags));
        } catch (IOException e) {
            throw new UserAuthException("ssh-agent could not sign: " + e.getMessage(), e);
        }
        params.getTransport().write(signed);
    }

    @Override
    public String toString() {
        return "ssh-agent key " + key.comment();
    }
}

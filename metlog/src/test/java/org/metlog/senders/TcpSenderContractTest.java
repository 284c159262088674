package org.metlog.senders;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.metlog.spi.Sender;
import org.metlog.testing.Envelopes;
import org.metlog.testing.TcpLineServer;

/** {@link TcpSender} keeps the sender contract, streaming JSON lines to a real loopback server. */
class TcpSenderContractTest extends SenderContractTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final List<TcpLineServer> servers = new ArrayList<>();
    private TcpLineServer server;

    @Override
    protected Sender createSender() {
        server = TcpLineServer.start();
        servers.add(server);
        return TcpSender.to("127.0.0.1", server.port());
    }

    @Override
    protected List<JsonNode> delivered(Sender sender) {
        return parse(server.lines());
    }

    @Override
    protected List<JsonNode> delivered(Sender sender, int expected) {
        server.await(expected, WAIT);
        return parse(server.lines());
    }

    private static List<JsonNode> parse(List<String> lines) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : lines) {
            out.add(Envelopes.parse(line));
        }
        return out;
    }

    @AfterEach
    void closeServers() {
        servers.forEach(TcpLineServer::close);
    }
}

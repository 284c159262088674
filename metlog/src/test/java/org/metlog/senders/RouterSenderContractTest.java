package org.metlog.senders;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.metlog.message.Message;
import org.metlog.spi.Sender;
import org.metlog.testing.Envelopes;

/**
 * {@link RouterSender} keeps the sender contract with two nested {@link StreamSender}s, counters to one and every
 * other type to the other: what it delivered is what both streams hold.
 */
class RouterSenderContractTest extends SenderContractTest {
    private final Map<Sender, List<ByteArrayOutputStream>> outputs = new IdentityHashMap<>();

    @Override
    protected Sender createSender() {
        ByteArrayOutputStream stats = new ByteArrayOutputStream();
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        RouterSender sender = RouterSender.builder()
            .sender("stats", new StreamSender(stats))
            .sender("rest", new StreamSender(rest))
            .route(Message.TYPE_COUNTER, "stats")
            .route(RouterSender.ANY_TYPE, "rest")
            .build();
        outputs.put(sender, List.of(stats, rest));
        return sender;
    }

    @Override
    protected List<JsonNode> delivered(Sender sender) {
        List<JsonNode> out = new ArrayList<>();
        for (ByteArrayOutputStream stream : outputs.get(sender)) {
            synchronized (stream) {
                out.addAll(Envelopes.parseAll(stream.toString(StandardCharsets.UTF_8)));
            }
        }
        return out;
    }
}

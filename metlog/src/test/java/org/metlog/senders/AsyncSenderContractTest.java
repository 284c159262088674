package org.metlog.senders;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.metlog.spi.Sender;
import org.metlog.testing.Envelopes;

/**
 * {@link AsyncSender} keeps the sender contract around a {@link StreamSender}: what it delivers is read back from
 * the stream once {@code flush()} has waited for the background thread, and its end-to-end counts include the
 * delegate's.
 */
class AsyncSenderContractTest extends SenderContractTest {
    private final Map<Sender, ByteArrayOutputStream> outputs = new IdentityHashMap<>();

    @Override
    protected Sender createSender() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AsyncSender sender = AsyncSender.builder(new StreamSender(out)).build();
        outputs.put(sender, out);
        return sender;
    }

    @Override
    protected List<JsonNode> delivered(Sender sender) {
        ByteArrayOutputStream out = outputs.get(sender);
        synchronized (out) {
            return Envelopes.parseAll(out.toString(StandardCharsets.UTF_8));
        }
    }
}

package org.metlog.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MockClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.testing.Envelopes;
import org.metlog.testing.RecordingErrorHandler;

/**
 * A registry on a {@link MockClock} whose client captures every envelope: {@link #publishStep()} ends one step
 * exactly and publishes it, so tests read the messages of that step with no sleeping and no threads.
 */
final class Steps implements AutoCloseable {
    static final Duration STEP = Duration.ofSeconds(10);

    final MockClock clock = new MockClock();
    final DebugCaptureSender capture = new DebugCaptureSender();
    final RecordingErrorHandler errors = new RecordingErrorHandler();
    final MetlogClient client;
    final MetlogMeterRegistry registry;

    Steps() {
        this(MetlogRegistryConfig.builder());
    }

    Steps(MetlogRegistryConfig.Builder config) {
        this("", config);
    }

    /** A registry whose client has its own prefix, {@code clientPrefix}. */
    Steps(String clientPrefix, MetlogRegistryConfig.Builder config) {
        this.client = MetlogClient.builder().sender(capture).logger("app").prefix(clientPrefix).build();
        this.registry = MetlogMeterRegistry.builder(client).config(config.step(STEP).build()).clock(clock)
            .errorHandler(errors).create();
    }

    /**
     * Moves the clock to 1 ms past the end of the current step, publishes, and returns the envelopes of that
     * publication, each checked.
     */
    List<Map<String, Object>> publishStep() {
        long step = STEP.toMillis();
        clock.add(step - clock.wallTime() % step + 1, TimeUnit.MILLISECONDS);
        return publishNow();
    }

    /**
     * Moves the clock to late in the current step: Micrometer's percentiles cover a window of one step back from
     * when they are read, so values recorded at the start of a step have left it by its end.
     */
    void lateInStep() {
        long step = STEP.toMillis();
        clock.add(step - clock.wallTime() % step - 1000, TimeUnit.MILLISECONDS);
    }

    /** Publishes without moving the clock; returns the envelopes of that publication, each checked. */
    List<Map<String, Object>> publishNow() {
        capture.clear();
        registry.publish();
        return envelopes();
    }

    /** {@return the captured envelopes, each checked to have the nine keys of its JSON type} */
    List<Map<String, Object>> envelopes() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String json : capture.messages()) {
            JsonNode node = Envelopes.parse(json);
            Envelopes.assertEnvelope(node);
            out.add(Envelopes.JSON.convertValue(node, Map.class));
        }
        return out;
    }

    /** {@return the one envelope of this publication, which must be the only one} */
    Map<String, Object> onlyMessage() {
        List<Map<String, Object>> all = publishStep();
        assertEquals(1, all.size(), () -> "one message expected: " + all);
        return all.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> fields(Map<String, Object> envelope) {
        return (Map<String, Object>) envelope.get("fields");
    }

    @Override
    public void close() {
        registry.close();
        client.close();
    }
}

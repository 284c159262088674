package org.metlog.senders;
import org.metlog.spi.Sender;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.MetlogClient;
import org.metlog.testing.Envelopes;
import org.metlog.testing.StdCapture;

/**
 * The contract every {@link Sender} keeps. A sender's test extends this class and says how to build a fresh
 * sender and how to read back what it delivered; the tests here then check it.
 */
public abstract class SenderContractTest {
    /** Threads used by the concurrency test. */
    protected static final int THREADS = 8;
    /** Messages each thread sends in the concurrency test; 8 x 12 fits a {@link DebugCaptureSender}'s ring. */
    protected static final int PER_THREAD = 12;

    private final List<Sender> created = new ArrayList<>();

    /**
     * Builds a fresh sender for one test.
     *
     * @return the sender
     * @throws Exception if it cannot be built
     */
    protected abstract Sender createSender() throws Exception;

    /**
     * Reads back what a sender has delivered so far.
     *
     * @param sender a sender made by {@link #createSender()}
     * @return the delivered envelopes in order, or null if this sender's output cannot be read back
     * @throws Exception if reading fails
     */
    protected abstract List<JsonNode> delivered(Sender sender) throws Exception;

    /** @return a new sender that the contract closes after the test */
    protected final Sender newSender() throws Exception {
        Sender sender = createSender();
        created.add(sender);
        return sender;
    }

    @AfterEach
    void closeSenders() {
        created.forEach(Sender::close);
    }

    @Test
    void sending_a_normal_message_does_not_throw_and_delivers_an_envelope() throws Exception {
        Sender sender = newSender();
        Message message = Message.builder("contract").logger("contract").payload("hello").build();
        assertDoesNotThrow(() -> sender.send(message));
        sender.flush();
        List<JsonNode> out = delivered(sender);
        if (out != null) {
            assertEquals(1, out.size());
            Envelopes.assertEnvelope(out.get(0));
            assertEquals("hello", out.get(0).get("payload").textValue());
        }
        DeliveryStats stats = sender.stats();
        assertEquals(stats == DeliveryStats.EMPTY ? 0 : 1, stats.total());
    }

    @Test
    void close_is_idempotent_and_never_throws() throws Exception {
        Sender sender = newSender();
        sender.send(Message.builder("contract").build());
        assertDoesNotThrow(sender::close);
        assertDoesNotThrow(sender::close);
        assertDoesNotThrow(sender::flush);
    }

    @Test
    @SuppressWarnings("try") // the capture only keeps the expected error report off the console
    void sending_after_close_does_not_throw_into_the_client() throws Exception {
        Sender sender = newSender();
        MetlogClient client = MetlogClient.builder().sender(sender).logger("contract").build();
        client.info("before");
        sender.close();
        try (StdCapture err = StdCapture.stderr()) {
            assertDoesNotThrow(() -> client.info("after"));
            assertDoesNotThrow(() -> client.incr("after"));
        }
        DeliveryStats stats = client.stats();
        assertEquals(3, stats.sent() + stats.failed(), "every message is counted by the client");
    }

    @Test
    void eight_threads_sending_through_one_client_do_not_corrupt_the_output() throws Exception {
        Sender sender = newSender();
        MetlogClient client = MetlogClient.builder().sender(sender).logger("contract").build();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    for (int i = 0; i < PER_THREAD; i++) {
                        client.info("thread %d message %d \u65E5\u672C\uD83D\uDE00", thread, i);
                    }
                    return null;
                }));
            }
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                for (Future<?> f : futures) {
                    f.get();
                }
            });
        } finally {
            pool.shutdownNow();
        }
        sender.flush();
        int total = THREADS * PER_THREAD;
        assertEquals(total, client.stats().sent());
        DeliveryStats stats = sender.stats();
        if (stats != DeliveryStats.EMPTY) {
            assertEquals(total, stats.total(), "the sender counts every message it took");
        }
        List<JsonNode> out = delivered(sender);
        if (out != null) {
            assertEquals(total, out.size());
            Set<String> payloads = new HashSet<>();
            for (JsonNode envelope : out) {
                Envelopes.assertEnvelope(envelope);
                payloads.add(envelope.get("payload").textValue());
            }
            Set<String> expected = new HashSet<>();
            for (int t = 0; t < THREADS; t++) {
                for (int i = 0; i < PER_THREAD; i++) {
                    expected.add("thread " + t + " message " + i + " \u65E5\u672C\uD83D\uDE00");
                }
            }
            assertEquals(expected, payloads);
        }
    }
}

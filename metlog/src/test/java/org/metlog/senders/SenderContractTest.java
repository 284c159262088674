package org.metlog.senders;
import org.metlog.spi.Sender;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
 * sender and how to read back what it delivered; the tests here then check it. Network senders run against real
 * loopback receivers, which the subclass owns. Where a sender's nature changes what a clause expects (a sender
 * that cannot deliver some message types counts them as filtered), the subclass says so through
 * {@link #countOf(Message)} and {@link #deliversAfterClose()}, never by skipping a clause.
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

    /**
     * Reads back what a sender has delivered once {@code expected} envelopes should have arrived. Senders whose
     * output arrives asynchronously (a socket) override this to wait, within a bound, for that many; by default
     * it is {@link #delivered(Sender)}.
     *
     * @param sender   a sender made by {@link #createSender()}
     * @param expected how many envelopes the contract expects
     * @return the delivered envelopes, or null if this sender's output cannot be read back
     * @throws Exception if reading fails
     */
    protected List<JsonNode> delivered(Sender sender, int expected) throws Exception {
        return delivered(sender);
    }

    /** What a sender that delivers a message counts for it. */
    protected static final DeliveryStats SENT = new DeliveryStats(1, 0, 0, 0, 0);
    /** What a sender that does not deliver messages of a type counts for one of them. */
    protected static final DeliveryStats FILTERED = new DeliveryStats(0, 1, 0, 0, 0);
    /** What a sender that fails every message by design (it has nowhere to send) counts for one. */
    protected static final DeliveryStats FAILED = new DeliveryStats(0, 0, 0, 0, 1);

    /**
     * Says what this kind of sender counts for {@code message} when all is well: {@link #SENT} (the default) if
     * it delivers it, {@link #FILTERED} if it cannot deliver messages of its type (a statsd sender given a log
     * message), {@link #FAILED} if it has nowhere to deliver anything. The contract checks the counts against it,
     * and expects to read back only the messages counted as sent.
     *
     * @param message a message the contract is about to send
     * @return one of {@link #SENT}, {@link #FILTERED}, {@link #FAILED}
     */
    protected DeliveryStats countOf(Message message) {
        return SENT;
    }

    /**
     * Says whether this sender still delivers after {@code close()}: true only for senders that hold no resource
     * and whose {@code close()} does nothing by design (a capture for tests, a bridge to a logging system that
     * the application owns). Others count a message sent after close as dropped or failed, never as sent.
     *
     * @return false by default
     */
    protected boolean deliversAfterClose() {
        return false;
    }

    private boolean delivers(Message message) {
        return countOf(message).equals(SENT);
    }

    /** @return one message of each kind the library sends: a log message, a counter, a timer, a gauge, custom */
    protected static List<Message> oneOfEachKind() {
        return List.of(
            Message.builder(Message.TYPE_OLDSTYLE).logger("contract").severity(6).payload("a log line").build(),
            Message.builder(Message.TYPE_COUNTER).logger("contract").stat("hits", 1).payload("1").build(),
            Message.builder(Message.TYPE_TIMER).logger("contract").stat("latency", 1).payload("12").build(),
            Message.builder(Message.TYPE_GAUGE).logger("contract").stat("depth", 1).payload("3").build(),
            Message.builder("contract").logger("contract").payload("custom").build());
    }

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
        boolean delivers = delivers(message);
        List<JsonNode> out = delivered(sender, delivers ? 1 : 0);
        if (out != null) {
            assertEquals(delivers ? 1 : 0, out.size());
            if (delivers) {
                Envelopes.assertEnvelope(out.get(0));
                assertEquals("hello", out.get(0).get("payload").textValue());
            }
        }
        DeliveryStats stats = sender.stats();
        assertEquals(stats == DeliveryStats.EMPTY ? 0 : 1, stats.total());
        if (stats != DeliveryStats.EMPTY) {
            assertEquals(countOf(message), stats, "counted as this kind of sender counts it");
        }
    }

    @Test
    void a_sender_that_keeps_no_message_delivers_what_it_was_given_though_the_message_changes_after_send()
        throws Exception {
        Sender sender = newSender();
        boolean keeps = sender.keepsMessages();
        List<String> payloads = new ArrayList<>();
        for (Message message : oneOfEachKind()) {
            sender.send(message);
            if (delivers(message)) {
                payloads.add(message.payload());
            }
            if (!keeps) { // the promise: the client may now reuse the object for its next message
                message.setPayload("changed after send returned");
                message.setLogger("changed");
            }
        }
        sender.flush();
        List<JsonNode> out = delivered(sender, payloads.size());
        if (out != null) {
            List<String> got = new ArrayList<>();
            out.forEach(envelope -> got.add(envelope.get("payload").textValue()));
            payloads.sort(null);
            got.sort(null); // a router delivers through several outputs, whose order between them is its own
            assertEquals(payloads, got);
        }
    }

    @Test
    void every_message_given_to_send_is_counted_once_after_flush_and_still_once_after_close() throws Exception {
        Sender sender = newSender();
        List<Message> messages = oneOfEachKind();
        DeliveryStats expected = DeliveryStats.EMPTY;
        for (Message message : messages) {
            expected = expected.plus(countOf(message));
            sender.send(message);
        }
        int deliverable = (int) expected.sent();
        sender.flush();
        DeliveryStats flushed = sender.deliveryStats();
        if (flushed != DeliveryStats.EMPTY) {
            assertEquals(expected, flushed, "each message counted once, as this kind of sender counts it");
        }
        List<JsonNode> out = delivered(sender, deliverable);
        if (out != null) {
            assertEquals(deliverable, out.size(), () -> "delivered: " + out);
            out.forEach(Envelopes::assertEnvelope);
        }
        sender.close();
        assertEquals(flushed, sender.deliveryStats(), "closing neither loses nor adds a count");
    }

    @Test
    @SuppressWarnings("try") // the capture only keeps an expected error report off the console
    void a_message_sent_after_close_is_counted_and_not_sent() throws Exception {
        Sender sender = newSender();
        sender.close();
        DeliveryStats before = sender.deliveryStats();
        try (StdCapture err = StdCapture.stderr()) {
            sender.send(Message.builder("contract").logger("contract").payload("late").build());
        } catch (Exception expected) {
            // a sender may throw for a message after close, as long as it counts it; the client catches it
        }
        DeliveryStats after = sender.deliveryStats();
        if (after != DeliveryStats.EMPTY) {
            assertEquals(before.total() + 1, after.total(), () -> "counted once: " + before + " -> " + after);
            if (!deliversAfterClose()) {
                assertEquals(before.sent(), after.sent(), () -> "not counted as sent: " + after);
            }
        }
    }

    /**
     * @return messages whose fields cannot be described: a key's {@code toString()} throws, a value's throws an
     *     Error; the encoder describes each such value by its class instead
     */
    protected static List<Message> undescribable() {
        Object badKey = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("a key that cannot be described");
            }
        };
        Object badValue = new Object() {
            @Override
            public String toString() {
                throw new AssertionError("a value that cannot be described");
            }
        };
        java.util.Map<Object, Object> keyed = new java.util.HashMap<>();
        keyed.put(badKey, "v");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Message withKey = Message.builder("contract").logger("contract").payload("bad key")
            .fields((java.util.Map) keyed).build();
        Message withValue = Message.builder("contract").logger("contract").payload("bad value")
            .fields(java.util.Map.of("v", badValue)).build();
        return List.of(withKey, withValue);
    }

    @Test
    @SuppressWarnings("try") // the capture only keeps any error report off the console
    void a_message_whose_fields_cannot_be_described_is_delivered_described_counted_once_and_never_thrown()
        throws Exception {
        try (StdCapture err = StdCapture.stderr()) {
            undescribableFieldsAreContainedAndCountedOnce();
        }
    }

    private void undescribableFieldsAreContainedAndCountedOnce() throws Exception {
        Sender sender = newSender();
        MetlogClient client = MetlogClient.builder().sender(sender).logger("contract").build();
        List<Message> bad = undescribable();
        DeliveryStats expected = DeliveryStats.EMPTY;
        List<String> payloads = new ArrayList<>();
        for (Message message : bad) {
            assertDoesNotThrow(() -> client.sendMessage(message));
            expected = expected.plus(countOf(message));
            if (delivers(message)) {
                payloads.add(message.payload());
            }
        }
        Message good = Message.builder("contract").logger("contract").payload("after").build();
        client.sendMessage(good);
        expected = expected.plus(countOf(good));
        if (delivers(good)) {
            payloads.add("after");
        }
        sender.flush();
        List<JsonNode> out = delivered(sender, payloads.size());
        if (out != null) {
            assertEquals(payloads, out.stream().map(e -> e.get("payload").textValue()).toList(),
                "the messages arrive with their bad values described, and the next one after them");
        }
        DeliveryStats counted = sender.deliveryStats();
        if (counted != DeliveryStats.EMPTY) {
            assertEquals(expected.total(), counted.total(), () -> "each message counted once by the sender: "
                + counted);
            assertEquals(expected.sent(), counted.sent(), () -> "each message counted once by the sender: "
                + counted);
        }
        assertEquals(bad.size() + 1, client.deliveryStats().total(), () -> "accepted = counted: "
            + client.deliveryStats());
    }

    @Test
    void to_string_names_the_sender_class_and_is_not_the_default_identity() throws Exception {
        Sender sender = newSender();
        String text = sender.toString();
        assertNotEquals(sender.getClass().getName() + "@" + Integer.toHexString(sender.hashCode()), text);
        assertTrue(text.contains(sender.getClass().getSimpleName()), () -> "names its class: " + text);
    }

    @Test
    void await_connection_is_true_for_a_live_destination_and_returns_within_its_bound_even_after_close()
        throws Exception {
        Sender sender = newSender();
        assertTimeoutPreemptively(Duration.ofSeconds(40),
            () -> assertTrue(sender.awaitConnection(Duration.ofSeconds(20)), "ready while its destination lives"));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> sender.awaitConnection(Duration.ZERO));
        sender.close();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> sender.awaitConnection(Duration.ofMillis(100)));
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
        DeliveryStats endToEnd = sender.deliveryStats();
        if (endToEnd != DeliveryStats.EMPTY) {
            assertEquals(total, endToEnd.total(), "the end-to-end counts hold every message once");
        }
        boolean delivers = delivers(Message.builder(Message.TYPE_OLDSTYLE).severity(6).payload("probe").build());
        List<JsonNode> out = delivered(sender, delivers ? total : 0);
        if (out != null && !delivers) {
            assertEquals(List.of(), out, "a sender that cannot deliver log messages delivers none");
        } else if (out != null) {
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

package org.metlog.senders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.spi.DeliveryCounters;
import org.metlog.spi.Sender;
import org.metlog.testing.Deadline;
import org.metlog.testing.MetlogThreads;
import org.metlog.testing.RecordingErrorHandler;
import org.metlog.testing.StoppableFifoReader;

/**
 * An {@code AsyncSender} whose delegate is stuck (a {@code StreamSender} blocked in {@code write(2)} on a FIFO
 * whose reader is stopped, or a delegate held inside {@code send}): {@code flush()} and {@code close()} return
 * within their bound, and every accepted message is counted exactly once, before and after the delegate gets
 * unstuck.
 */
class AsyncSenderStuckDelegateTest {
    /** A hang detector, not a timing threshold: the close timeout under test is 200 ms. */
    private static final Duration HANG = Duration.ofSeconds(10);
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofMillis(200);
    /** 1000 lines of about 520 bytes: far more than the 64 KiB a pipe holds, so the writer must block. */
    private static final int MESSAGES = 1000;
    private static final String PADDING = "x".repeat(500);

    static Message line(int n) {
        return Message.builder("line").payload(n + " " + PADDING).build();
    }

    static StreamSender lineSender(StoppableFifoReader fifo) {
        return new StreamSender(fifo.writer(), Message::payload);
    }

    static void awaitThreadGone(String name) {
        assertTrue(Deadline.await(BOUND, () -> MetlogThreads.live().stream().noneMatch(t -> t.getName().equals(name))),
            name + " is still alive");
    }

    /**
     * Once the sender's thread is gone, the reader has got every message counted as sent and no other: the first
     * ones, in order, each whole; and every message is counted exactly once.
     *
     * @return the end-to-end counts
     */
    static DeliveryStats assertReaderGotWhatWasCounted(StoppableFifoReader fifo, AsyncSender sender)
        throws Exception {
        awaitThreadGone(sender.threadName());
        List<String> lines = fifo.finish();
        DeliveryStats end = sender.deliveryStats();
        assertEquals(MESSAGES, end.total(), end.toString());
        assertEquals(lines.size(), end.sent(), end.toString());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(line(i).payload(), lines.get(i), "line " + i);
        }
        return end;
    }

    private static AsyncSender stuckBehind(StoppableFifoReader fifo, RecordingErrorHandler errors) throws Exception {
        return stuckBehind(fifo, errors, false);
    }

    private static AsyncSender stuckBehind(StoppableFifoReader fifo, RecordingErrorHandler errors, boolean hook)
        throws Exception {
        fifo.stop();
        AsyncSender sender = AsyncSender.builder(lineSender(fifo)).capacity(MESSAGES).closeTimeout(CLOSE_TIMEOUT)
            .shutdownHook(hook).errorHandler(errors).build();
        for (int i = 0; i < MESSAGES; i++) {
            sender.send(line(i));
        }
        return sender;
    }

    @Test
    void only_the_background_thread_ever_calls_the_delegate() {
        assertTimeoutPreemptively(BOUND, () -> {
            Set<String> callers = ConcurrentHashMap.newKeySet();
            Sender recording = new Sender() {
                @Override
                public void send(Message message) {
                    callers.add("send on " + Thread.currentThread().getName());
                }

                @Override
                public void flush() {
                    callers.add("flush on " + Thread.currentThread().getName());
                }

                @Override
                public void close() {
                    callers.add("close on " + Thread.currentThread().getName());
                }
            };
            AsyncSender sender = AsyncSender.builder(recording).shutdownHook(false).build();
            sender.send(line(0));
            sender.flush();
            sender.close();
            String worker = sender.threadName();
            assertEquals(Set.of("send on " + worker, "flush on " + worker, "close on " + worker), callers);
        });
    }

    @Test
    void a_delegate_that_closes_its_own_async_sender_does_not_wait_for_itself_and_every_message_is_counted_once() {
        assertTimeoutPreemptively(BOUND, () -> {
            AtomicReference<AsyncSender> self = new AtomicReference<>();
            DeliveryCounters counters = new DeliveryCounters();
            Sender closesItsWrapper = new Sender() {
                @Override
                public void send(Message message) {
                    self.get().close(); // on the background thread, inside its own call to the delegate
                    counters.sent();
                }

                @Override
                public DeliveryStats stats() {
                    return counters.snapshot();
                }
            };
            AsyncSender sender = AsyncSender.builder(closesItsWrapper).shutdownHook(false)
                .errorHandler(new RecordingErrorHandler()).build();
            self.set(sender);
            for (int i = 0; i < 10; i++) {
                sender.send(line(i));
            }
            awaitThreadGone(sender.threadName());
            assertTrue(sender.isClosed());
            assertEquals(10, sender.stats().total(), sender.stats().toString());
            assertEquals(1, counters.snapshot().sent());
            DeliveryStats end = sender.deliveryStats();
            assertEquals(new DeliveryStats(1, 0, 9, 0, 0), end, "the message being sent is the delegate's");
        });
    }

    @Test
    void close_returns_within_its_bound_while_the_delegate_is_blocked_writing_to_a_stopped_reader() {
        assertTimeoutPreemptively(BOUND, () -> {
            RecordingErrorHandler errors = new RecordingErrorHandler();
            try (StoppableFifoReader fifo = StoppableFifoReader.start()) {
                AsyncSender sender = stuckBehind(fifo, errors);
                assertTimeoutPreemptively(HANG, sender::close);
                assertEquals(MESSAGES, sender.stats().total(), sender.stats().toString());
                assertEquals(MESSAGES, sender.deliveryStats().total(), sender.deliveryStats().toString());
                assertTrue(sender.undeliveredAtClose() > 0, sender.stats().toString());
                assertEquals(1, errors.count("could not deliver " + sender.undeliveredAtClose() + " message"),
                    errors.problems().toString());

                fifo.resume(); // the message the delegate was writing gets through now, and is counted once
                DeliveryStats end = assertReaderGotWhatWasCounted(fifo, sender);
                assertEquals(MESSAGES - end.sent(), end.droppedQueueFull(), end.toString());
            }
        });
    }

    @Test
    void flush_returns_within_its_bound_while_the_delegate_is_blocked_and_reports_it() {
        assertTimeoutPreemptively(BOUND, () -> {
            RecordingErrorHandler errors = new RecordingErrorHandler();
            try (StoppableFifoReader fifo = StoppableFifoReader.start()) {
                AsyncSender sender = stuckBehind(fifo, errors);
                assertTimeoutPreemptively(HANG, sender::flush);
                assertEquals(1, errors.count("flush"), errors.problems().toString());
                assertTrue(sender.queued() > 0, "nothing is given up by a flush");

                fifo.resume();
                sender.flush(); // now the queue drains within the bound, or the flush is reported again
                assertTimeoutPreemptively(HANG, sender::close);
                assertReaderGotWhatWasCounted(fifo, sender);
            }
        });
    }

    @Test
    void close_and_flush_return_within_their_bound_when_the_stopped_reader_is_killed_and_every_message_is_counted() {
        assertTimeoutPreemptively(BOUND, () -> {
            RecordingErrorHandler errors = new RecordingErrorHandler();
            AsyncSender sender;
            try (StoppableFifoReader fifo = StoppableFifoReader.start()) {
                sender = stuckBehind(fifo, errors);
                assertTimeoutPreemptively(HANG, sender::flush);
                assertTimeoutPreemptively(HANG, sender::close);
                assertEquals(MESSAGES, sender.deliveryStats().total(), sender.deliveryStats().toString());
            } // kills the reader: the blocked write fails with a broken pipe
            awaitThreadGone(sender.threadName());
            DeliveryStats end = sender.deliveryStats();
            assertEquals(MESSAGES, end.total(), end.toString());
            assertEquals(1, end.failed(), "the write the reader's death broke: " + end);
        });
    }

    @Test
    void the_shutdown_hook_returns_within_its_bound_while_the_delegate_is_blocked_writing_to_a_stopped_reader() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (StoppableFifoReader fifo = StoppableFifoReader.start()) {
                AsyncSender sender = stuckBehind(fifo, new RecordingErrorHandler(), true);
                Thread hook = sender.shutdownHookThread();
                assertTrue(Runtime.getRuntime().removeShutdownHook(hook));
                assertTimeoutPreemptively(HANG, hook::run); // what the JVM does at exit
                assertTrue(sender.isClosed());
                assertEquals(MESSAGES, sender.deliveryStats().total(), sender.deliveryStats().toString());
            }
        });
    }

    @Test
    void the_message_a_delegate_finishes_after_the_close_timeout_is_counted_once_not_as_sent_and_dropped() {
        assertTimeoutPreemptively(BOUND, () -> {
            GatedSender delegate = GatedSender.counting(); // held in send, deaf to the interrupt close sends
            AsyncSender sender = AsyncSender.builder(delegate).capacity(3000).closeTimeout(CLOSE_TIMEOUT)
                .shutdownHook(false).errorHandler(new RecordingErrorHandler()).build();
            for (int i = 0; i < 3000; i++) {
                sender.send(line(i));
            }
            delegate.awaitEntered();
            assertTimeoutPreemptively(HANG, sender::close);
            assertEquals(new DeliveryStats(0, 0, 3000, 0, 0), sender.deliveryStats());

            delegate.open();
            assertTrue(Deadline.await(BOUND, () -> delegate.closed), "the delegate is closed once it returns");
            awaitThreadGone(sender.threadName());
            assertEquals(List.of(line(0).payload()), delegate.payloads);
            assertEquals(new DeliveryStats(1, 0, 2999, 0, 0), sender.deliveryStats());
            assertEquals(new DeliveryStats(0, 0, 3000, 0, 0), sender.stats(), "its own layer gave it up at close");
        });
    }
}

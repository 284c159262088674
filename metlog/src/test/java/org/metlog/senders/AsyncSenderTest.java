package org.metlog.senders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.ErrorHandlers;
import org.metlog.spi.Sender;
import org.metlog.testing.StdCapture;

class AsyncSenderTest {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private final List<AsyncSender> opened = new ArrayList<>();

    @AfterEach
    void closeEverything() {
        opened.forEach(AsyncSender::close);
    }

    private AsyncSender open(AsyncSender.Builder builder) {
        AsyncSender sender = builder.build();
        opened.add(sender);
        return sender;
    }

    private static Message message(int n) {
        return Message.builder("counter").payload(Integer.toString(n)).build();
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(30, TimeUnit.SECONDS), "timed out");
    }

    private static Set<String> metlogThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive).map(Thread::getName).filter(n -> n.startsWith("metlog-"))
            .collect(Collectors.toSet());
    }

    @Test
    void drops_and_counts_new_messages_when_the_queue_is_full_under_the_drop_policy() {
        assertTimeoutPreemptively(BOUND, () -> {
            GatedSender delegate = new GatedSender();
            AsyncSender sender = open(AsyncSender.builder(delegate).capacity(10));
            sender.send(message(0));
            delegate.awaitEntered(); // message 0 is in the delegate; the queue is empty again
            for (int i = 1; i <= 10; i++) {
                sender.send(message(i));
            }
            assertEquals(10, sender.queued());
            for (int i = 11; i <= 17; i++) {
                sender.send(message(i)); // returns at once: the queue is full
            }
            assertEquals(7, sender.droppedFull());
            assertEquals(new DeliveryStats(0, 0, 7, 0, 0), sender.stats());
            delegate.open();
            sender.flush();
            assertEquals(new DeliveryStats(11, 0, 7, 0, 0), sender.stats());
            assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), delegate.payloads);
        });
    }

    @Test
    void a_caller_waits_no_longer_than_the_offer_timeout_then_the_message_is_counted_under_the_wait_policy() {
        assertTimeoutPreemptively(BOUND, () -> {
            GatedSender delegate = new GatedSender();
            AsyncSender sender = open(AsyncSender.builder(delegate).capacity(2)
                .overflow(AsyncSender.Overflow.WAIT).offerTimeout(Duration.ofMillis(50)));
            sender.send(message(0));
            delegate.awaitEntered();
            sender.send(message(1));
            sender.send(message(2));
            sender.send(message(3)); // waits about 50 ms, then gives up
            assertEquals(1, sender.droppedFull());
            delegate.open();
            sender.flush();
            assertEquals(new DeliveryStats(3, 0, 1, 0, 0), sender.stats());
        });
    }

    @Test
    void a_waiting_caller_gets_its_message_queued_once_room_frees_up_under_the_wait_policy() {
        assertTimeoutPreemptively(BOUND, () -> {
            GatedSender delegate = new GatedSender();
            AsyncSender sender = open(AsyncSender.builder(delegate).capacity(1)
                .overflow(AsyncSender.Overflow.WAIT).offerTimeout(Duration.ofSeconds(30)));
            sender.send(message(0));
            delegate.awaitEntered();
            sender.send(message(1));
            CountDownLatch returned = new CountDownLatch(1);
            Thread caller = new Thread(() -> {
                sender.send(message(2)); // the queue is full: waits for room
                returned.countDown();
            });
            caller.start();
            assertFalse(returned.await(100, TimeUnit.MILLISECONDS), "returned while the queue was still full");
            delegate.open();
            await(returned);
            sender.flush();
            assertEquals(new DeliveryStats(3, 0, 0, 0, 0), sender.stats());
            assertEquals(List.of("0", "1", "2"), delegate.payloads);
        });
    }

    @Test
    void an_interrupted_caller_stops_waiting_and_the_message_is_counted() {
        assertTimeoutPreemptively(BOUND, () -> {
            GatedSender delegate = new GatedSender();
            AsyncSender sender = open(AsyncSender.builder(delegate).capacity(1)
                .overflow(AsyncSender.Overflow.WAIT).offerTimeout(Duration.ofSeconds(120)));
            sender.send(message(0));
            delegate.awaitEntered();
            sender.send(message(1));
            Thread.currentThread().interrupt();
            try {
                sender.send(message(2));
            } finally {
                assertTrue(Thread.interrupted(), "the caller's interrupt flag is kept");
            }
            assertEquals(1, sender.droppedFull());
            delegate.open();
        });
    }

    @Test
    void the_background_thread_survives_a_delegate_that_throws_and_later_messages_are_delivered() {
        assertTimeoutPreemptively(BOUND, () -> {
            List<String> delivered = new CopyOnWriteArrayList<>();
            Sender flaky = message -> {
                if (message.payload().startsWith("bad")) {
                    throw new IllegalStateException("broken pipe");
                }
                delivered.add(message.payload());
            };
            List<org.metlog.spi.DeliveryError> reported = new CopyOnWriteArrayList<>();
            try (StdCapture err = StdCapture.stderr()) {
                AsyncSender sender = open(AsyncSender.builder(flaky).errorHandler(reported::add));
                sender.send(Message.builder("oldstyle").payload("bad 1").build());
                sender.send(message(1));
                sender.send(Message.builder("oldstyle").payload("bad 2").build());
                sender.send(Message.builder("oldstyle").payload("bad 3").build());
                sender.flush();
                sender.send(message(2));
                sender.flush();
                assertEquals(List.of("1", "2"), delivered);
                assertEquals(new DeliveryStats(2, 0, 0, 0, 3), sender.stats());
                assertEquals(3, reported.stream().filter(e -> e.line().startsWith(
                    "Error sending message ({\"type\":\"oldstyle\"")).count(), reported.toString());
                assertTrue(reported.get(0).line().contains("\"payload\":\"bad 1\""), reported.toString());
                assertTrue(reported.get(0).line().contains("): java.lang.IllegalStateException: broken pipe"),
                    reported.toString());
                assertTrue(metlogThreads().contains(sender.threadName()));
            }
        });
    }

    @Test
    void a_delegate_that_always_throws_cannot_flood_stderr_but_every_failure_is_counted() {
        assertTimeoutPreemptively(BOUND, () -> {
            Sender broken = message -> {
                throw new java.io.IOException("no route to host");
            };
            AtomicLong nanoClock = new AtomicLong();
            ErrorHandler standard = ErrorHandlers.stderr(Duration.ofSeconds(30), nanoClock::get);
            Semaphore handled = new Semaphore(0);
            ErrorHandler observed = new ErrorHandler() {
                @Override
                public void handle(DeliveryError error) {
                    standard.handle(error);
                    handled.release();
                }

                @Override
                public void flush() {
                    standard.flush();
                }
            };
            try (StdCapture err = StdCapture.stderr()) {
                AsyncSender sender = open(AsyncSender.builder(broken).errorHandler(observed));
                for (int i = 0; i < 500; i++) {
                    sender.send(message(i));
                }
                assertTrue(handled.tryAcquire(500, 30, TimeUnit.SECONDS), "every failure reaches the handler");
                assertEquals(1, err.count("Error sending message ("), "the first failure at once:\n" + err.text());
                assertEquals(0, err.count("more send errors"), "nothing more within the interval:\n" + err.text());

                nanoClock.addAndGet(Duration.ofSeconds(29).toNanos());
                sender.send(message(500));
                assertTrue(handled.tryAcquire(1, 30, TimeUnit.SECONDS));
                assertEquals(1, err.text().lines().count(), "still nothing 29 s later:\n" + err.text());

                sender.close();
                assertEquals(new DeliveryStats(0, 0, 0, 0, 501), sender.stats());
                assertEquals(2, err.text().lines().count(), "one summary on close:\n" + err.text());
                assertTrue(err.text().contains("metlog: 500 more send errors were not shown (counted as failed) in"
                    + " the last 30 s; the latest: Error sending message ("), err.text());
            }
        });
    }

    @Test
    void close_delivers_everything_queued_when_the_delegate_is_fast() {
        assertTimeoutPreemptively(BOUND, () -> {
            GatedSender delegate = new GatedSender();
            AsyncSender sender = open(AsyncSender.builder(delegate).capacity(1000));
            sender.send(message(0));
            delegate.awaitEntered();
            for (int i = 1; i <= 1000; i++) {
                sender.send(message(i));
            }
            assertEquals(1000, sender.queued());
            delegate.open();
            sender.close();
            assertEquals(new DeliveryStats(1001, 0, 0, 0, 0), sender.stats());
            assertEquals(1001, delegate.payloads.size());
            assertTrue(delegate.closed, "the delegate is closed");
            assertFalse(metlogThreads().contains(sender.threadName()));
        });
    }

    @Test
    void close_counts_and_reports_what_a_delegate_slower_than_the_close_timeout_could_not_deliver() {
        assertTimeoutPreemptively(BOUND, () -> {
            GatedSender delegate = new GatedSender(); // never opened: stuck in the first send
            try (StdCapture err = StdCapture.stderr()) {
                AsyncSender sender = open(AsyncSender.builder(delegate).capacity(10)
                    .closeTimeout(Duration.ofMillis(100)));
                sender.send(message(0));
                delegate.awaitEntered();
                for (int i = 1; i <= 10; i++) {
                    sender.send(message(i));
                }
                sender.close();
                assertEquals(11, sender.undeliveredAtClose()); // ten queued and the one stuck in the delegate
                assertEquals(new DeliveryStats(0, 0, 11, 0, 0), sender.stats());
                assertTrue(err.text().contains("metlog: " + sender.threadName() + " could not deliver 11 messages"
                    + " through " + GatedSender.class.getName() + " within the close timeout of 100 ms; counted as"
                    + " dropped"), err.text());
                assertTrue(delegate.closed, "the delegate is closed");
            }
        });
    }

    @Test
    void a_slow_delegate_delivers_part_and_the_rest_is_counted_at_close() {
        assertTimeoutPreemptively(BOUND, () -> {
            AtomicLong delivered = new AtomicLong();
            Sender slow = message -> {
                Thread.sleep(20);
                delivered.incrementAndGet();
            };
            try (StdCapture err = StdCapture.stderr()) {
                AsyncSender sender = open(AsyncSender.builder(slow).capacity(200)
                    .closeTimeout(Duration.ofMillis(200)));
                for (int i = 0; i < 200; i++) {
                    sender.send(message(i));
                }
                sender.close();
                DeliveryStats stats = sender.stats();
                assertTrue(stats.droppedQueueFull() > 0, stats.toString());
                assertEquals(stats.droppedQueueFull(), sender.undeliveredAtClose());
                // the message in the delegate at the deadline is counted as undelivered even if it arrives later
                assertTrue(delivered.get() >= stats.sent() && delivered.get() <= stats.sent() + 1,
                    delivered + " vs " + stats);
                assertEquals(200, stats.total());
                assertTrue(err.text().contains("could not deliver " + stats.droppedQueueFull() + " messages"),
                    err.text());
            }
        });
    }

    @Test
    void messages_sent_after_close_are_counted_as_dropped_and_nothing_is_thrown() {
        AsyncSender sender = open(AsyncSender.builder(new DebugCaptureSender()));
        sender.send(message(1));
        sender.close();
        sender.send(message(2));
        sender.send(message(3));
        assertEquals(2, sender.droppedAfterClose());
        assertEquals(new DeliveryStats(1, 0, 2, 0, 0), sender.stats());
        sender.close(); // idempotent
    }

    @Test
    void counters_add_up_exactly_with_several_threads_hammering_a_flaky_delegate() {
        assertTimeoutPreemptively(BOUND, () -> {
            AtomicLong received = new AtomicLong();
            AtomicLong thrown = new AtomicLong();
            Sender flaky = message -> {
                long n = received.incrementAndGet();
                if (n % 7 == 0) {
                    thrown.incrementAndGet();
                    throw new IllegalStateException("flaky " + n);
                }
                if (n % 100 == 0) {
                    Thread.yield();
                }
            };
            try (StdCapture err = StdCapture.stderr()) {
                AsyncSender sender = open(AsyncSender.builder(flaky).capacity(64));
                int threads = 4;
                int perThread = 25_000;
                CountDownLatch start = new CountDownLatch(1);
                List<Thread> callers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Thread caller = new Thread(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        for (int i = 0; i < perThread; i++) {
                            sender.send(message(i));
                        }
                    });
                    caller.start();
                    callers.add(caller);
                }
                start.countDown();
                for (Thread caller : callers) {
                    caller.join();
                }
                sender.close();
                DeliveryStats stats = sender.stats();
                assertEquals((long) threads * perThread, stats.total(), stats.toString());
                assertEquals(received.get() - thrown.get(), stats.sent());
                assertEquals(thrown.get(), stats.failed());
                assertEquals(stats.droppedQueueFull(), sender.droppedFull());
                assertEquals(0, sender.undeliveredAtClose());
                assertTrue(err.count("Error sending message (") >= 1, "failures are reported");
            }
        });
    }

    @Test
    void flush_waits_until_the_queue_is_drained_and_flushes_the_delegate() {
        assertTimeoutPreemptively(BOUND, () -> {
            GatedSender delegate = new GatedSender();
            AsyncSender sender = open(AsyncSender.builder(delegate));
            sender.send(message(0));
            delegate.awaitEntered();
            for (int i = 1; i <= 50; i++) {
                sender.send(message(i));
            }
            delegate.open();
            sender.flush();
            assertEquals(51, delegate.payloads.size());
            assertEquals(1, delegate.flushes);
            assertEquals(0, sender.queued());
        });
    }

    @Test
    void the_shutdown_hook_is_registered_only_when_enabled_and_removed_on_close() {
        AsyncSender withHook = open(AsyncSender.builder(new DebugCaptureSender()));
        Thread hook = withHook.shutdownHookThread();
        assertTrue(withHook.hasShutdownHook());
        // adding a registered hook again is refused: proof that it is registered, without removing it
        assertThrows(IllegalArgumentException.class, () -> Runtime.getRuntime().addShutdownHook(hook));
        withHook.close();
        assertFalse(Runtime.getRuntime().removeShutdownHook(hook), "close removes the hook");

        AsyncSender withoutHook = open(AsyncSender.builder(new DebugCaptureSender()).shutdownHook(false));
        assertFalse(withoutHook.hasShutdownHook());
        assertNull(withoutHook.shutdownHookThread());
    }

    @Test
    void the_shutdown_hook_delivers_what_is_queued() {
        assertTimeoutPreemptively(BOUND, () -> {
            GatedSender delegate = new GatedSender();
            AsyncSender sender = open(AsyncSender.builder(delegate));
            sender.send(message(0));
            delegate.awaitEntered();
            sender.send(message(1));
            delegate.open();
            Thread hook = sender.shutdownHookThread();
            assertTrue(Runtime.getRuntime().removeShutdownHook(hook));
            hook.run(); // what the JVM does at exit
            assertTrue(sender.isClosed());
            assertEquals(new DeliveryStats(2, 0, 0, 0, 0), sender.stats());
            assertTrue(delegate.closed);
        });
    }

    @Test
    void no_metlog_thread_is_left_after_close() {
        assertTimeoutPreemptively(BOUND, () -> {
            AsyncSender a = open(AsyncSender.builder(new DebugCaptureSender()));
            AsyncSender b = open(AsyncSender.builder(new DebugCaptureSender()).overflow(AsyncSender.Overflow.WAIT));
            a.send(message(1));
            b.send(message(2));
            assertTrue(metlogThreads().containsAll(Set.of(a.threadName(), b.threadName())));
            assertTrue(a.threadName().matches("metlog-async-\\d+"), a.threadName());
            a.close();
            b.close();
            Set<String> alive = metlogThreads();
            assertFalse(alive.contains(a.threadName()) || alive.contains(b.threadName()), alive.toString());
        });
    }

    @Test
    void the_builder_rejects_out_of_range_settings() {
        Sender delegate = new DebugCaptureSender();
        assertThrows(IllegalArgumentException.class, () -> AsyncSender.builder(delegate).capacity(0));
        assertThrows(IllegalArgumentException.class,
            () -> AsyncSender.builder(delegate).capacity(AsyncSender.MAX_CAPACITY + 1));
        assertThrows(IllegalArgumentException.class,
            () -> AsyncSender.builder(delegate).offerTimeout(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class,
            () -> AsyncSender.builder(delegate).closeTimeout(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> AsyncSender.builder(null));
    }

    @Test
    void the_builder_defaults_are_documented_values() {
        AsyncSender sender = open(AsyncSender.builder(new DebugCaptureSender()));
        assertEquals(8192, sender.capacity());
        assertEquals(AsyncSender.Overflow.DROP, sender.overflow());
        assertEquals(Duration.ofMillis(100), sender.offerTimeout());
        assertEquals(Duration.ofSeconds(5), sender.closeTimeout());
        assertTrue(sender.hasShutdownHook());
    }
}

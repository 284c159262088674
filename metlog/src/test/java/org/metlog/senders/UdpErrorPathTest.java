package org.metlog.senders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.ErrorHandlers;
import org.metlog.spi.Sender;
import org.metlog.testing.Deadline;
import org.metlog.testing.ScriptedLookup;
import org.metlog.testing.StdCapture;
import org.metlog.testing.UdpReceiver;

/**
 * The error path of the UDP transport (issue 12): with a destination that does not resolve or that refuses its
 * datagrams, 100,000 sends put a throttled handful of lines on stderr (the standard handler's policy, nothing
 * else writes there), count every message as failed, make no exception per message, throw nothing into the
 * caller, and a stderr that blocks holds at most the one thread that was printing. Time is injected: the
 * handler's throttle and the transport's send pause each run on a clock the test moves.
 */
class UdpErrorPathTest {
    private static final int SENDS = 100_000;
    /** Injected time per send: 100,000 sends span 600 s, twenty 30-s throttle windows. */
    private static final long STEP_NANOS = Duration.ofMillis(6).toNanos();
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Pattern SUMMARY = Pattern.compile("^metlog: (\\d+) more (?:of these|send errors? w)");

    private static Message counter() {
        return Message.builder(Message.TYPE_COUNTER).logger("errpath").stat("hits", 1).payload("1").build();
    }

    /** {@return a sender to a name that never resolves (the resolver never runs)} */
    private static UdpSender unresolvable(ErrorHandler handler) {
        UdpSender.Builder b = UdpSender.builder().hosts(List.of("nowhere.invalid")).ports(List.of(5565))
            .errorHandler(handler);
        b.transport().lookup(ScriptedLookup.failing(1)).background(false);
        return b.build();
    }

    /** {@return a sender to {@code port} on 127.0.0.1 whose send pauses are timed by {@code clock}} */
    private static UdpSender loopback(int port, ErrorHandler handler, LongSupplier clock) {
        UdpSender.Builder b = UdpSender.builder().hosts(List.of("127.0.0.1")).ports(List.of(port))
            .errorHandler(handler);
        b.transport().nanoClock(clock);
        return b.build();
    }

    /** {@return a loopback UDP port that was bound a moment ago and is closed now: it refuses datagrams} */
    private static int closedPort() {
        try (UdpReceiver r = UdpReceiver.ipv4()) {
            return r.port();
        }
    }

    /** Sends until the first send fails (the ICMP port-unreachable of an earlier datagram came back). */
    private static void sendUntilRefused(Sender sender) {
        assertTrue(Deadline.await(BOUND, () -> {
            send(sender, counter());
            return sender.stats().failed() > 0;
        }), "a closed loopback port never refused: " + sender.stats());
    }

    /** Sends, failing the test if the sender throws. */
    private static void send(Sender sender, Message message) {
        try {
            sender.send(message);
        } catch (Exception e) {
            throw new AssertionError("send threw", e);
        }
    }

    /** Every error the handler gets, each cause once by identity, then the standard handler. */
    private static final class CauseRecorder implements ErrorHandler {
        final Set<Throwable> causes = Collections.newSetFromMap(new IdentityHashMap<>());
        final ErrorHandler standard;

        CauseRecorder(ErrorHandler standard) {
            this.standard = standard;
        }

        @Override
        public void handle(org.metlog.spi.DeliveryError error) {
            if (error.cause() != null) {
                causes.add(error.cause());
            }
            standard.handle(error);
        }

        @Override
        public void flush() {
            standard.flush();
        }
    }

    /** {@return the number of errors the lines stand for: 1 for a first line, N for a summary of N} */
    private static long errorsIn(List<String> lines) {
        long n = 0;
        for (String line : lines) {
            Matcher m = SUMMARY.matcher(line);
            n += m.find() ? Long.parseLong(m.group(1)) : 1;
        }
        return n;
    }

    @Test
    void a_hundred_thousand_sends_to_an_unresolvable_host_print_two_lines_a_minute_and_all_count_as_failed() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        try (StdCapture err = StdCapture.stderr()) {
            UdpSender sender = unresolvable(ErrorHandlers.stderr(INTERVAL, now::get));
            Message message = counter();
            for (int i = 0; i < SENDS; i++) {
                sender.send(message);
                now.addAndGet(STEP_NANOS);
            }
            // a first line, then one summary at each of the 19 later 30-s marks of the 600 s
            assertEquals(20, err.lines().size(), err.text());
            sender.close(); // and the last summary
            List<String> lines = err.lines();
            assertEquals(21, lines.size(), err.text());
            assertEquals(0, err.jsonLines().size(), "nothing but the handler's lines: no envelopes");
            assertTrue(lines.get(0).contains("host name is not resolved (yet)"), lines.get(0));
            assertTrue(lines.get(1).startsWith("metlog: 5000 more of these in the last 30 s"), lines.get(1));
            assertEquals(SENDS, errorsIn(lines), "the lines account for every failure: " + lines);
            assertEquals(new DeliveryStats(0, 0, 0, 0, SENDS), sender.stats());
        }
    }

    @Test
    void a_hundred_thousand_sends_to_a_refusing_port_reuse_one_exception_and_print_two_lines_a_minute() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        AtomicLong transportClock = new AtomicLong(); // stands still: the pause of the refused destination lasts
        try (StdCapture err = StdCapture.stderr()) {
            CauseRecorder handler = new CauseRecorder(ErrorHandlers.stderr(INTERVAL, now::get));
            UdpSender sender = loopback(closedPort(), handler, transportClock::get);
            sendUntilRefused(sender);
            DeliveryStats before = sender.stats();
            assertEquals(1, before.failed(), before.toString());
            assertEquals(1, handler.causes.size(), "the refusal: " + handler.causes);
            Message message = counter();
            for (int i = 0; i < SENDS; i++) {
                sender.send(message);
                now.addAndGet(STEP_NANOS);
            }
            sender.close();
            DeliveryStats after = sender.stats();
            assertEquals(before.sent(), after.sent(), "no datagram was tried during the pause");
            assertEquals(1 + SENDS, after.failed(), after.toString());
            assertEquals(1, handler.causes.size(), "every failure reported with the one refusal, none made anew");
            List<String> lines = err.lines();
            // the refusal's line, then a summary at each 30-s mark after it (19 within the 600 s) and at close
            assertEquals(21, lines.size(), err.text());
            assertEquals(0, err.jsonLines().size(), "nothing but the handler's lines: no envelopes");
            assertTrue(lines.get(0).contains("PortUnreachableException"), lines.get(0));
            assertEquals(after.failed(), errorsIn(lines), "the lines account for every failure: " + lines);
        }
    }

    @Test
    @Tag("msgpack") // LogdSender packs with msgpack-core, absent from the run without optional dependencies
    void a_logd_sender_shares_the_pause_and_fails_every_later_message_with_the_one_refusal() {
        AtomicLong now = new AtomicLong(1_000_000_000L); // both clocks stand still: one window, one pause
        try (StdCapture err = StdCapture.stderr()) {
            CauseRecorder handler = new CauseRecorder(ErrorHandlers.stderr(INTERVAL, now::get));
            LogdSender.Builder b = LogdSender.builder().host("127.0.0.1").port(closedPort()).errorHandler(handler);
            b.transport().nanoClock(now::get);
            LogdSender sender = b.build();
            sendUntilRefused(sender);
            long sent = sender.stats().sent();
            Message message = counter();
            for (int i = 0; i < SENDS; i++) {
                send(sender, message);
            }
            sender.close();
            assertEquals(new DeliveryStats(sent, 0, 0, 0, 1 + SENDS), sender.stats());
            assertEquals(1, handler.causes.size(), "every failure reported with the one refusal");
            List<String> lines = err.lines();
            assertEquals(2, lines.size(), "the refusal, and at close the summary of the rest: " + err.text());
            assertEquals(1 + SENDS, errorsIn(lines));
        }
    }

    @Test
    void a_refused_destination_is_tried_again_after_the_pause_and_gets_messages_once_it_listens() {
        AtomicLong clock = new AtomicLong();
        try (StdCapture err = StdCapture.stderr()) {
            int port = closedPort();
            UdpSender sender = loopback(port, ErrorHandlers.stderr(), clock::get);
            sendUntilRefused(sender);
            try (UdpReceiver r = UdpReceiver.ipv4OrNull("127.0.0.1", port)) {
                assumeTrue(r != null, "the port was taken in the meantime");
                long sent = sender.stats().sent();
                sender.send(Message.builder("errpath").payload("during the pause").build());
                assertEquals(2, sender.stats().failed(), "within the pause: failed without a send");
                clock.addAndGet(Duration.ofMillis(SendGate.PAUSE_MILLIS).toNanos());
                sender.send(Message.builder("errpath").payload("after the pause").build());
                assertEquals(sent + 1, sender.stats().sent(), sender.stats().toString());
                var got = r.receiveJson(UdpReceiver.DEADLINE);
                assertNotNull(got);
                assertEquals("after the pause", got.get("payload"), "the paused message was never sent");
            } finally {
                sender.close();
            }
        }
    }

    /** Counts the writes that reach the stream below; each may block there. */
    private static final class CountingStream extends FilterOutputStream {
        final AtomicInteger writes = new AtomicInteger();

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writes.incrementAndGet();
            out.write(b, off, len);
        }

        @Override
        public void write(int b) throws IOException {
            writes.incrementAndGet();
            out.write(b);
        }
    }

    @Test
    void a_stderr_nobody_reads_holds_only_the_thread_that_printed_and_never_a_second_caller() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        PipedInputStream unread = new PipedInputStream(1); // nobody reads it: a write of two bytes blocks
        CountingStream counting = new CountingStream(new PipedOutputStream(unread));
        PrintStream original = System.err;
        ErrorHandler handler = ErrorHandlers.stderr(INTERVAL, now::get);
        UdpSender sender = unresolvable(handler);
        Message message = counter();
        Thread first = new Thread(() -> sender.send(message), "errpath-first");
        System.setErr(new PrintStream(counting, true, StandardCharsets.UTF_8));
        try {
            first.start();
            assertTrue(Deadline.await(BOUND, () -> counting.writes.get() > 0), "the first line was written");
            assertTimeoutPreemptively(BOUND, () -> {
                for (int i = 0; i < SENDS; i++) {
                    sender.send(message);
                    now.addAndGet(STEP_NANOS);
                }
                sender.close(); // its summary waits for stderr instead of blocking close()
            });
            assertEquals(1, counting.writes.get(), "no other write reached the blocked stderr");
            assertTrue(first.isAlive(), "the first line is still being written");
            assertEquals(SENDS, sender.stats().failed(), "the first message is counted once its report returns");
        } catch (Throwable e) {
            System.setErr(original);
            unread.close();
            throw e;
        }
        List<String> later;
        try (StdCapture err = StdCapture.stderr()) { // what the freed thread prints, and the flush
            unread.close(); // the blocked write fails and returns; that thread then prints the lines left for it
            first.join(BOUND.toMillis());
            assertTrue(!first.isAlive(), "the printing thread got free");
            handler.flush();
            later = err.lines();
        } finally {
            System.setErr(original);
        }
        assertEquals(1 + SENDS, sender.stats().failed());
        long reported = 0;
        for (String line : later) {
            assertTrue(line.contains("host name is not resolved"), line);
            Matcher m = SUMMARY.matcher(line);
            reported += m.find() ? Long.parseLong(m.group(1)) : 1; // a summary, or a line for one error
        }
        assertEquals(SENDS, reported, "every error after the first is in a line once stderr is free: " + later);
    }
}

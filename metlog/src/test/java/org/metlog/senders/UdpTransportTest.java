package org.metlog.senders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.metlog.internal.HostResolver;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.Options;
import org.metlog.spi.Sender;
import org.metlog.testing.ScriptedLookup;
import org.metlog.testing.StdCapture;
import org.metlog.testing.RecordingErrorHandler;
import org.metlog.testing.UdpReceiver;

/**
 * The one UDP transport and its DNS policy, as {@link UdpSender}, {@link StatsdSender} and {@link LogdSender} all
 * show it: no sender throws or waits because of DNS, messages before resolution fail, resolution retries with
 * backoff and follows changes, one destination gets a connected channel, and errors reach the error handler.
 */
class UdpTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofMillis(100);
    private static final Duration REFRESH = Duration.ofSeconds(60);
    private static final String NAME = "metlog-test.example";

    /** The three UDP senders, built through their builders with the transport settings tuned by a test. */
    enum Kind {
        UDP, STATSD, LOGD;

        Sender build(String host, int port, Consumer<TransportSettings> tune) {
            switch (this) {
                case UDP: {
                    UdpSender.Builder b = UdpSender.builder().hosts(List.of(host)).ports(List.of(port));
                    tune.accept(b.transport());
                    return b.build();
                }
                case STATSD: {
                    StatsdSender.Builder b = StatsdSender.builder().host(host).port(port)
                        .flushInterval(Duration.ofHours(1));
                    tune.accept(b.transport());
                    return b.build();
                }
                default: {
                    LogdSender.Builder b = LogdSender.builder().host(host).port(port);
                    tune.accept(b.transport());
                    return b.build();
                }
            }
        }

        Sender fromOptions(String host, int port) {
            Options options = Options.of(Map.of("host", host, "port", port));
            switch (this) {
                case UDP:
                    return UdpSender.fromConfig(options);
                case STATSD:
                    return StatsdSender.fromConfig(options);
                default:
                    return LogdSender.fromConfig(options);
            }
        }

        Sender construct(String host, int port) {
            switch (this) {
                case UDP:
                    return UdpSender.to(host, port);
                case STATSD:
                    return new StatsdSender(host, port);
                default:
                    return new LogdSender(host, port);
            }
        }

        UdpTransport transport(Sender sender) {
            switch (this) {
                case UDP:
                    return ((UdpSender) sender).transport();
                case STATSD:
                    return ((StatsdSender) sender).transport();
                default:
                    return ((LogdSender) sender).transport();
            }
        }

        String className() {
            return this == UDP ? "UdpSender" : this == STATSD ? "StatsdSender" : "LogdSender";
        }
    }

    /** A monotonic clock that moves only when told to. */
    static final class ManualClock {
        private final AtomicLong now = new AtomicLong(1_000_000_000L);

        long nanos() {
            return now.get();
        }

        void advance(Duration by) {
            now.addAndGet(by.toNanos());
        }
    }

    /** Keeps the error handlers' stderr lines (the first of each kind of problem) off the console. */
    private StdCapture stderr;

    @BeforeEach
    void captureStderr() {
        stderr = StdCapture.stderr();
    }

    @AfterEach
    void restoreStderr() {
        stderr.close();
    }

    /** Sends one counter and flushes, so that every kind of sender hands a datagram to its transport. */
    private static void sendCounter(Sender sender) throws Exception {
        sender.send(Message.builder(Message.TYPE_COUNTER).stat("hits", 1).payload("1").build());
        sender.flush();
    }

    // ------------------------------------------------------------- never throws, never waits

    @ParameterizedTest
    @EnumSource(Kind.class)
    void an_unresolvable_host_never_throws_from_the_constructor_the_builder_or_the_option_factory(Kind kind) {
        assumeFalse(UdpSenderTest.resolves("no-such-host.invalid"), "this resolver answers for .invalid names");
        kind.construct("no-such-host.invalid", 9).close();
        kind.fromOptions("no-such-host.invalid", 9).close();
        kind.build("no-such-host.invalid", 9, s -> { }).close();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void building_returns_at_once_when_the_resolver_never_answers(Kind kind) throws Exception {
        ScriptedLookup never = ScriptedLookup.neverAnswering();
        RecordingErrorHandler errors = new RecordingErrorHandler();
        try (UdpReceiver r = UdpReceiver.ipv4()) {
            Sender sender = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> kind.build(NAME, r.port(), s -> s.lookup(never).errorHandler(errors)));
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> sendCounter(sender),
                    "sending never waits for DNS either");
                assertEquals(1, sender.stats().failed(), "a message before resolution is counted as failed");
                assertFalse(sender.awaitConnection(Duration.ofMillis(50)));
                assertNull(r.receive(QUIET));
                assertEquals(1, errors.count("not resolved"), errors.problems().toString());
            } finally {
                never.release();
                sender.close();
            }
        }
    }

    // ------------------------------------------------------------- the schedule, exactly

    @ParameterizedTest
    @EnumSource(Kind.class)
    void messages_before_resolution_fail_and_later_ones_arrive(Kind kind) throws Exception {
        ManualClock clock = new ManualClock();
        ScriptedLookup lookup = ScriptedLookup.failing(0, "127.0.0.1");
        RecordingErrorHandler errors = new RecordingErrorHandler();
        try (UdpReceiver r = UdpReceiver.ipv4(); Sender sender = kind.build(NAME, r.port(),
            s -> s.lookup(lookup).nanoClock(clock::nanos).background(false).errorHandler(errors))) {
            sendCounter(sender);
            assertEquals(new DeliveryStats(0, 0, 0, 0, 1), sender.stats());
            assertNull(r.receive(QUIET));
            kind.transport(sender).resolver().lookUpDue();
            assertTrue(sender.awaitConnection(Duration.ZERO));
            assertTrue(kind.transport(sender).connected(), "one destination: a connected channel");
            sendCounter(sender);
            assertNotNull(r.receive(WAIT));
            assertEquals(new DeliveryStats(1, 0, 0, 0, 1), sender.stats());
            assertEquals(List.of(kind.className() + ": a destination's host name is not resolved (yet); its"
                + " messages are counted as failed"), errors.problems());
        }
    }

    @Test
    void a_name_that_does_not_resolve_is_retried_with_a_doubling_wait_up_to_the_refresh_interval() {
        ManualClock clock = new ManualClock();
        ScriptedLookup lookup = ScriptedLookup.failing(3, "127.0.0.1");
        RecordingErrorHandler errors = new RecordingErrorHandler();
        try (UdpSender sender = (UdpSender) Kind.UDP.build(NAME, 9, s -> s.lookup(lookup).nanoClock(clock::nanos)
            .background(false).errorHandler(errors).retry(RETRY).refresh(REFRESH))) {
            HostResolver resolver = sender.transport().resolver();
            assertEquals(RETRY.toNanos(), resolver.lookUpDue(), "first failure: retry after the first wait");
            assertEquals(1, lookup.calls());
            clock.advance(RETRY.minusNanos(1));
            assertEquals(1, resolver.lookUpDue());
            assertEquals(1, lookup.calls(), "not due yet");
            clock.advance(Duration.ofNanos(1));
            assertEquals(RETRY.multipliedBy(2).toNanos(), resolver.lookUpDue(), "second failure: twice as long");
            clock.advance(RETRY.multipliedBy(2));
            assertEquals(RETRY.multipliedBy(4).toNanos(), resolver.lookUpDue(), "third failure: four times");
            assertEquals(3, lookup.calls());
            assertFalse(sender.awaitConnection(Duration.ZERO));
            clock.advance(RETRY.multipliedBy(4));
            assertEquals(REFRESH.toNanos(), resolver.lookUpDue(), "resolved: refreshed after the refresh interval");
            assertTrue(sender.awaitConnection(Duration.ZERO));
            assertEquals(3, errors.count("cannot resolve host"), errors.problems().toString());
            Throwable cause = errors.errors().get(0).cause();
            assertTrue(cause instanceof UnknownHostException && cause.getMessage().contains(NAME), cause.toString());
            assertEquals(Duration.ofSeconds(60).toNanos(), resolver.backoff(40), "the wait never exceeds refresh");
        }
    }

    @Test
    void the_refresh_follows_a_changed_address_with_a_newly_connected_channel() throws Exception {
        try (UdpReceiver first = UdpReceiver.ipv4()) {
            UdpReceiver second = UdpReceiver.ipv4OrNull("127.0.0.2", first.port());
            assumeTrue(second != null, "127.0.0.2 is not a loopback address here");
            ManualClock clock = new ManualClock();
            ScriptedLookup lookup = ScriptedLookup.failing(0, "127.0.0.1", "127.0.0.2");
            try (second; UdpSender sender = (UdpSender) Kind.UDP.build(NAME, first.port(), s -> s.lookup(lookup)
                .nanoClock(clock::nanos).background(false).refresh(REFRESH))) {
                HostResolver resolver = sender.transport().resolver();
                resolver.lookUpDue();
                sender.send(Message.builder("udp.refresh").payload("one").build());
                assertEquals("one", first.receiveJson(WAIT).get("payload"));
                clock.advance(REFRESH.minusNanos(1));
                resolver.lookUpDue();
                assertEquals(1, lookup.calls(), "no refresh before the interval");
                clock.advance(Duration.ofNanos(1));
                resolver.lookUpDue();
                assertEquals(2, lookup.calls());
                sender.send(Message.builder("udp.refresh").payload("two").build());
                assertEquals("two", second.receiveJson(WAIT).get("payload"));
                assertNull(first.receive(QUIET), "the old address gets nothing more");
                assertTrue(sender.transport().connected());
                assertEquals(2, sender.stats().sent());
            }
        }
    }

    // ------------------------------------------------------------- with the resolver thread

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_name_that_fails_twice_then_resolves_delivers_to_the_receiver(Kind kind) throws Exception {
        ScriptedLookup lookup = ScriptedLookup.failing(2, "127.0.0.1");
        RecordingErrorHandler errors = new RecordingErrorHandler();
        try (UdpReceiver r = UdpReceiver.ipv4(); Sender sender = kind.build(NAME, r.port(),
            s -> s.lookup(lookup).retry(Duration.ofMillis(5)).errorHandler(errors))) {
            assertTrue(sender.awaitConnection(WAIT), "resolved by the background thread after two retries");
            assertEquals(3, lookup.calls());
            sendCounter(sender);
            assertNotNull(r.receive(WAIT));
            assertEquals(1, sender.stats().sent());
            assertEquals(2, errors.count("cannot resolve host"), errors.problems().toString());
        }
    }

    // ------------------------------------------------------------- the channel and the errors

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_connected_channel_makes_a_closed_port_visible_as_failed_sends(Kind kind) throws Exception {
        int port;
        try (UdpReceiver gone = UdpReceiver.ipv4()) {
            port = gone.port();
        }
        RecordingErrorHandler errors = new RecordingErrorHandler();
        try (Sender sender = kind.build("127.0.0.1", port, s -> s.errorHandler(errors))) {
            assertTrue(kind.transport(sender).connected());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (sender.stats().failed() == 0 && System.nanoTime() - deadline < 0) {
                sendCounter(sender); // the ICMP port-unreachable of one datagram fails the next send
            }
            assertTrue(sender.stats().failed() > 0, sender.stats().toString());
            DeliveryError error = errors.errors().get(0);
            assertTrue(error.cause() instanceof java.net.PortUnreachableException, error.toString());
            assertEquals(sender.toString(), error.source());
        }
    }

    @Test
    void several_destinations_share_one_unconnected_channel() {
        try (UdpSender sender = UdpSender.create(List.of("127.0.0.1", "127.0.0.1"), List.of(9, 10))) {
            assertFalse(sender.transport().connected());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void messages_after_close_are_reported_and_counted_as_failed(Kind kind) throws Exception {
        RecordingErrorHandler errors = new RecordingErrorHandler();
        Sender sender = kind.build("127.0.0.1", 9, s -> s.errorHandler(errors));
        sender.close();
        assertTrue(errors.flushes() >= 1, "close() flushes the handler");
        assertFalse(sender.awaitConnection(Duration.ZERO), "a closed sender is not ready");
        try {
            sendCounter(sender);
        } catch (java.io.IOException expected) {
            // StatsdSender and LogdSender throw for a closed sender, as before; the client counts that
        }
        assertEquals(1, sender.stats().failed());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void the_error_handler_comes_from_the_options(Kind kind) {
        RecordingErrorHandler errors = new RecordingErrorHandler();
        Options options = Options.of(Map.of("host", "127.0.0.1", "port", 9)).withErrorHandler(errors);
        Sender sender = kind == Kind.UDP ? UdpSender.fromConfig(options)
            : kind == Kind.STATSD ? StatsdSender.fromConfig(options) : LogdSender.fromConfig(options);
        try (sender) {
            assertSame(errors, kind.transport(sender).handler());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void to_string_names_the_class_and_the_destination(Kind kind) {
        try (Sender sender = kind.build("127.0.0.1", 5565, s -> { })) {
            assertEquals(kind.className() + "(udp://127.0.0.1:5565)", sender.toString());
        }
        try (Sender sender = kind.build("::1", 5565, s -> { })) {
            assertEquals(kind.className() + "(udp://[::1]:5565)", sender.toString());
        }
    }

    @Test
    void ip_literals_are_ready_at_once_without_a_resolver_thread() {
        try (UdpSender sender = UdpSender.to("127.0.0.1", 9)) {
            assertNull(sender.transport().resolver());
            assertTrue(sender.awaitConnection(Duration.ZERO));
        }
    }

    @Test
    void a_logd_datagram_over_the_limit_is_reported_and_counted_as_too_large() throws Exception {
        RecordingErrorHandler errors = new RecordingErrorHandler();
        try (UdpReceiver r = UdpReceiver.ipv4();
             Sender sender = Kind.LOGD.build("127.0.0.1", r.port(), s -> s.errorHandler(errors))) {
            LogdSender logd = (LogdSender) sender;
            assertTrue(logd.deleteLog("x".repeat(70_000)) == false);
            assertEquals(1, errors.count("larger than a UDP datagram"), errors.problems().toString());
            assertNull(r.receive(QUIET));
        }
    }
}

package org.metlog.senders.zmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metlog.senders.zmq.ZmqPubSenderTest.WAIT;
import static org.metlog.senders.zmq.ZmqPubSenderTest.numbered;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.metlog.internal.HostLookup;
import org.metlog.internal.HostResolver;
import org.metlog.message.DeliveryStats;
import org.metlog.spi.Sender;
import org.metlog.testing.Deadline;
import org.metlog.testing.ManualNanoClock;
import org.metlog.testing.MetlogThreads;
import org.metlog.testing.Ports;
import org.metlog.testing.RecordingErrorHandler;
import org.metlog.testing.ScriptedLookup;
import org.metlog.testing.ZmqBackend;
import org.metlog.testing.ZmqSubscriber;

/**
 * Host names in ZeroMQ endpoints are resolved by the library's resolver on its own daemon thread, never by
 * JeroMQ's {@code connect} on the building thread (issue 11, case 2). The lookup is injected: one that never
 * answers, or one that answers loopback for any name. {@link ZmqUnansweredDnsTest} does the same against a real
 * resolver that does not answer.
 */
class ZmqHostResolutionTest {
    /** A bound that only a hang reaches; a build that waited for DNS here would wait forever. */
    private static final Duration HANG = Duration.ofSeconds(10);
    private static final Duration DAY = Duration.ofDays(1);

    /** Answers 127.0.0.1 for every name and records the threads it was called on. */
    private static final class Loopback implements HostLookup {
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        @Override
        public InetAddress lookUp(String host) throws UnknownHostException {
            threads.add(Thread.currentThread().getName());
            return InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1});
        }
    }

    @Test
    void building_a_pub_sender_returns_at_once_when_the_resolver_never_answers_and_counts_messages_as_failed() {
        ScriptedLookup never = ScriptedLookup.neverAnswering();
        RecordingErrorHandler errors = new RecordingErrorHandler();
        Set<Thread> before = MetlogThreads.live();
        try {
            ZmqPubSender sender = assertTimeoutPreemptively(HANG, () -> ZmqPubSender
                .builder("tcp://never.invalid.test:5555").poolSize(4).lookup(never).errorHandler(errors).build());
            sendAndClose(sender, never, before);
            assertEquals(4, errors.count("no subscriber is connected"), errors.problems().toString());
        } finally {
            never.release();
        }
    }

    @Test
    void building_a_handshake_sender_returns_at_once_when_the_resolver_never_answers() {
        ScriptedLookup never = ScriptedLookup.neverAnswering();
        RecordingErrorHandler errors = new RecordingErrorHandler();
        Set<Thread> before = MetlogThreads.live();
        try {
            ZmqHandshakePubSender sender = assertTimeoutPreemptively(HANG, () -> ZmqHandshakePubSender
                .builder("tcp://never.invalid.test:5556", "tcp://never.invalid.test:5555", Duration.ofMillis(50))
                .poolSize(4).lookup(never).errorHandler(errors).build());
            sendAndClose(sender, never, before);
        } finally {
            never.release();
        }
    }

    /** Sends four messages, all counted as failed, then closes within the hang bound while the lookup hangs. */
    private static void sendAndClose(Sender sender, ScriptedLookup never, Set<Thread> before) {
        try {
            assertTrue(Deadline.await(WAIT, () -> never.calls() > 0), "the resolver thread looks the name up");
            assertTimeoutPreemptively(HANG, () -> {
                for (int i = 0; i < 4; i++) {
                    sender.send(numbered("before-dns", i));
                }
            }, "sending never waits for DNS either");
            assertEquals(new DeliveryStats(0, 0, 0, 0, 4), sender.stats(),
                "sent before any connection exists: each counted once, as failed");
            assertFalse(sender.awaitConnection(Duration.ofMillis(50)));
        } finally {
            assertTimeoutPreemptively(HANG, sender::close, "close does not wait for the stuck lookup");
        }
        Thread resolver = MetlogThreads.live().stream().filter(t -> t.getName().equals(EndpointNames.THREAD))
            .findFirst().orElse(null);
        assertNotNull(resolver, "still inside the lookup that never answers");
        assertTrue(resolver.isDaemon(), "a stuck lookup never keeps the JVM alive");
        MetlogThreads.assertNewOnesAreDaemons(before);
    }

    @Test
    void a_pub_sender_connects_to_the_address_its_endpoint_name_resolves_to_as_soon_as_it_resolves() {
        Loopback lookup = new Loopback();
        try (ZmqSubscriber sub = ZmqSubscriber.bind(1000)) {
            String named = sub.endpoint().replace("127.0.0.1", "router.test");
            try (ZmqPubSender sender = ZmqPubSender.builder(named).poolSize(2).livecheck(DAY).lookup(lookup)
                .build()) {
                assertTrue(sender.awaitConnection(WAIT), "connected without waiting for a livecheck round");
                sender.send(numbered("resolved", 1));
                assertNotNull(sub.receive(WAIT));
                assertEquals(new DeliveryStats(1, 0, 0, 0, 0), sender.stats());
            }
        }
        assertEquals(Set.of(EndpointNames.THREAD), lookup.threads, "looked up on the resolver thread only");
    }

    @Test
    void a_handshake_sender_handshakes_and_publishes_with_endpoint_names_resolved_in_the_background() {
        Loopback lookup = new Loopback();
        String handshake = "tcp://127.0.0.1:" + Ports.freeTcp();
        String publish = "tcp://127.0.0.1:" + Ports.freeTcp();
        try (ZmqBackend backend = ZmqBackend.start(handshake, publish);
             ZmqHandshakePubSender sender = ZmqHandshakePubSender.builder(handshake.replace("127.0.0.1", "hs.test"),
                 publish.replace("127.0.0.1", "sub.test"), Duration.ofSeconds(2)).poolSize(2).livecheck(DAY)
                 .lookup(lookup).build()) {
            assertTrue(sender.awaitConnection(WAIT), "handshake answered and subscriber attached");
            sender.send(numbered("resolved", 1));
            assertNotNull(backend.subscriber.receive(WAIT));
            assertEquals(new DeliveryStats(1, 0, 0, 0, 0), sender.stats());
        }
        assertEquals(Set.of(EndpointNames.THREAD), lookup.threads, "looked up on the resolver thread only");
    }

    @Test
    void a_refresh_that_finds_a_new_address_moves_the_sockets_to_it() throws Exception {
        int port = Ports.freeTcp();
        ManualNanoClock clock = new ManualNanoClock();
        ScriptedLookup lookup = ScriptedLookup.failing(0, "127.0.0.1", "127.0.0.2");
        HostResolver.Policy policy = new HostResolver.Policy(lookup, clock, Duration.ofSeconds(5),
            Duration.ofMinutes(1));
        try (ZmqSubscriber first = ZmqSubscriber.bindTo("tcp://127.0.0.1:" + port, WAIT);
             ZmqSubscriber second = ZmqSubscriber.bindTo("tcp://127.0.0.2:" + port, WAIT);
             ZmqPubSender sender = ZmqPubSender.builder("tcp://router.test:" + port).poolSize(1).livecheck(DAY)
                 .resolving(policy).build()) {
            assertTrue(sender.awaitConnection(WAIT), "connected to the first address");
            ZmqPubSenderTest.sendProbesUntilOneArrives(sender, first);
            clock.advance(Duration.ofMinutes(1));
            sender.resolver().lookUpDue(); // the refresh, now due on the clock, finds the second address
            assertEquals(2, lookup.calls());
            ZmqPubSenderTest.sendProbesUntilOneArrives(sender, second);
        }
    }

    @Test
    void only_tcp_endpoints_with_a_host_name_are_resolved_and_the_others_are_connected_as_given() {
        for (String given : List.of("tcp://127.0.0.1:5555", "tcp://[::1]:5555", "ipc:///tmp/metlog-none",
            "inproc://none")) {
            ZmqEndpoint e = ZmqEndpoint.of(given);
            assertNull(e.name(), given);
            assertEquals(given, e.connectTarget(), given);
        }
        ZmqEndpoint named = ZmqEndpoint.of("tcp://router.test:5555");
        assertEquals("router.test", named.name().host());
        assertEquals(5555, named.name().port());
        assertNull(named.connectTarget(), "nothing to connect to before the name resolves");
        assertNotNull(ZmqEndpoint.of("tcp://999.1.1.1:5555").name(),
            "not an IPv4 literal: InetAddress would look it up, so the resolver does");
        ZmqSettings settings = new ZmqSettings("ZmqPubSender", List.of("tcp://127.0.0.1:5555"), 1, 1, DAY, false,
            Duration.ZERO, Duration.ZERO, null, Duration.ZERO, HostResolver.Policy.defaults());
        assertNull(new EndpointNames(settings, List.of(ZmqEndpoint.of("tcp://127.0.0.1:5555")),
            new RecordingErrorHandler(), () -> { }).resolver(), "no name, no resolver thread");
    }
}

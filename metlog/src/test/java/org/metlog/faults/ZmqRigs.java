package org.metlog.faults;

import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.metlog.internal.HostLookup;
import org.metlog.message.DeliveryStats;
import org.metlog.senders.zmq.ZmqFaultHooks;
import org.metlog.spi.Sender;
import org.metlog.testing.Ports;
import org.metlog.testing.RecordingErrorHandler;
import org.metlog.testing.ZmqBackend;
import org.metlog.testing.ZmqSubscriber;

/**
 * The ZeroMQ senders, each publishing to a real JeroMQ SUB socket on loopback ({@link ZmqSubscriber}; for the
 * handshaking sender, behind a real REP socket that answers handshakes, {@link ZmqBackend}).
 *
 * <ul>
 *   <li>ABSENT: the endpoints' host name does not resolve (an injected lookup that fails at once): no socket ever
 *       connects, and each message is counted as failed rather than handed to a queue ZeroMQ would lose.</li>
 *   <li>STALLED: the subscriber stops reading before the first message and reads again after the last; the 40
 *       messages stay within the high-water marks, so none may be lost (past a SUB's receive high-water mark
 *       ZeroMQ drops silently on the subscriber's side, which no publisher can see).</li>
 *   <li>UNENCODABLE: the subscriber reads; the hostile field sets are described or cut.</li>
 * </ul>
 */
final class ZmqRigs {
    private static final HostLookup FAILING = host -> {
        throw new UnknownHostException(host + ": the matrix's lookup fails");
    };

    private ZmqRigs() {
    }

    static List<Rig> all() {
        return List.of(rig("ZmqPubSender", false), rig("ZmqHandshakePubSender", true));
    }

    private static Rig rig(String name, boolean handshake) {
        return new Rig() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Cell open(Shape shape) {
                return new ZmqCell(handshake, shape);
            }
        };
    }

    private static final class ZmqCell extends Cell {
        private final ZmqBackend backend;
        private final ZmqSubscriber subscriber;
        private final Sender sender;

        ZmqCell(boolean handshake, Shape shape) {
            RecordingErrorHandler errors = new RecordingErrorHandler();
            boolean absent = shape == Shape.ABSENT;
            HostLookup lookup = absent ? FAILING : HostLookup.SYSTEM;
            String host = absent ? "matrix.invalid" : "127.0.0.1";
            if (handshake) {
                String hs = "tcp://127.0.0.1:" + Ports.freeTcp();
                String pub = "tcp://127.0.0.1:" + Ports.freeTcp();
                backend = ZmqBackend.start(hs, pub);
                subscriber = backend.subscriber;
                sender = ZmqFaultHooks.handshake(hs.replace("127.0.0.1", host), pub.replace("127.0.0.1", host),
                    lookup, errors);
            } else {
                backend = null;
                subscriber = ZmqSubscriber.bind(1000);
                sender = ZmqFaultHooks.pub(subscriber.endpoint().replace("127.0.0.1", host), lookup, errors);
            }
            if (!absent && !sender.awaitConnection(Duration.ofSeconds(10))) {
                throw new AssertionError(sender + " did not connect within 10 s");
            }
            if (shape == Shape.STALLED) {
                subscriber.stopReading();
            }
        }

        @Override
        Sender sender() {
            return sender;
        }

        @Override
        void release() {
            subscriber.resumeReading();
        }

        @Override
        int delivered(long sent) {
            int n = 0;
            while (subscriber.receive(Duration.ofMillis(n < sent ? 5_000 : 300)) != null) {
                n++;
            }
            return n;
        }

        @Override
        void evidence(Shape shape, DeliveryStats stats, int delivered, int accepted) {
            Evidence.standard(shape, stats, delivered, accepted, false, hostileEncoded());
        }

        @Override
        public void close() {
            if (backend != null) {
                backend.close();
            } else {
                subscriber.close();
            }
        }
    }
}

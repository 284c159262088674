package org.metlog.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.metlog.internal.HostLookup;
import org.metlog.message.DeliveryStats;
import org.metlog.senders.FaultHooks;
import org.metlog.senders.RouterSender;
import org.metlog.spi.Sender;
import org.metlog.testing.Ports;
import org.metlog.testing.RecordingErrorHandler;
import org.metlog.testing.TcpLineServer;
import org.metlog.testing.UdpReceiver;

/**
 * The UDP senders ({@code UdpSender}, {@code StatsdSender}, {@code LogdSender}, an {@code AsyncSender} around a
 * {@code UdpSender}) and a {@code RouterSender} (counters to a {@code UdpSender}, custom messages to a
 * {@code TcpSender}, log lines routed nowhere), each with a real loopback {@link UdpReceiver}.
 *
 * <ul>
 *   <li>ABSENT: the destination's host name does not resolve (an injected lookup that fails at once). A UDP
 *       sender cannot see the other absent destination, a port with nothing listening: the kernel takes the
 *       datagram and the loss is only seen, if at all, as an ICMP error on a later send (docs/delivery.md says
 *       so), so the observable shape is the one used. The router's TCP half connects to a port with nothing
 *       listening.</li>
 *   <li>STALLED: the receiver does not read until every message was given and the client closed. Its receive
 *       buffer is 1 MiB (asked with {@code SO_RCVBUF}; this machine allows up to {@code rmem_max}, 4 MiB), enough
 *       for the 40 small datagrams: past it the kernel drops datagrams silently, which no sender can see. The
 *       router's TCP server holds its reads.</li>
 *   <li>UNENCODABLE: the receiver reads; the hostile field sets are described or cut, and a datagram still too
 *       large is cut or counted as {@code droppedTooLarge}.</li>
 * </ul>
 *
 * {@code StatsdSender} carries counters only (log lines and custom messages are {@code filtered}), aggregated (a
 * line {@code name:N|c} is N delivered counters), and writes no
 * fields, so nothing of it is truncated; {@code LogdSender} carries counters and log lines (a log path is set)
 * and writes no fields but a log line's {@code tb}, whose failing {@code toString()} fails that message.
 */
final class DatagramRigs {
    private static final HostLookup FAILING = host -> {
        throw new UnknownHostException(host + ": the matrix's lookup fails");
    };
    private static final String LOOPBACK = "127.0.0.1";
    private static final String UNRESOLVABLE = "matrix.invalid";

    private DatagramRigs() {
    }

    private enum Kind { UDP, STATSD, LOGD, ASYNC_UDP, ROUTER }

    static List<Rig> all() {
        return List.of(rig("UdpSender", Kind.UDP), rig("StatsdSender", Kind.STATSD), rig("LogdSender", Kind.LOGD),
            rig("AsyncSender(UdpSender)", Kind.ASYNC_UDP), rig("RouterSender", Kind.ROUTER));
    }

    private static Rig rig(String name, Kind kind) {
        return new Rig() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Cell open(Shape shape) {
                return new DatagramCell(kind, shape);
            }
        };
    }

    private static final class DatagramCell extends Cell {
        private final Kind kind;
        private final UdpReceiver receiver = UdpReceiver.ipv4();
        private final TcpLineServer tcp;
        private final Sender sender;

        DatagramCell(Kind kind, Shape shape) {
            this.kind = kind;
            RecordingErrorHandler errors = new RecordingErrorHandler();
            boolean absent = shape == Shape.ABSENT;
            String host = absent ? UNRESOLVABLE : LOOPBACK;
            HostLookup lookup = absent ? FAILING : HostLookup.SYSTEM;
            int port = receiver.port();
            switch (kind) {
                case UDP -> {
                    tcp = null;
                    sender = FaultHooks.udp(host, port, lookup, errors);
                }
                case STATSD -> {
                    tcp = null;
                    sender = FaultHooks.statsd(host, port, lookup, errors);
                }
                case LOGD -> {
                    tcp = null;
                    sender = FaultHooks.logd(host, port, "matrix.log", lookup, errors);
                }
                case ASYNC_UDP -> {
                    tcp = null;
                    sender = FaultHooks.async(FaultHooks.udp(host, port, lookup, errors), 8192, errors);
                }
                default -> {
                    // a small receive buffer, as in TcpRigs: with the default one the kernel's buffers could hold
                    // the whole stalled workload on a lucky run, and the queue would never fill
                    tcp = absent ? null : shape == Shape.STALLED
                        ? TcpLineServer.builder().held().receiveBuffer(4096).start() : TcpLineServer.start();
                    int tcpPort = tcp == null ? Ports.freeTcp() : tcp.port();
                    sender = RouterSender.builder().errorHandler(errors)
                        .sender("udp", FaultHooks.udp(host, port, lookup, errors))
                        .sender("tcp", FaultHooks.tcp(tcpPort, 16, Duration.ofMillis(500), errors))
                        .route("counter", "udp").route(Workload.CUSTOM, "tcp").build();
                }
            }
            if (!absent) {
                sender.awaitConnection(Duration.ofSeconds(10));
            }
        }

        @Override
        Sender sender() {
            return sender;
        }

        @Override
        int stalledMessages() {
            return kind == Kind.ROUTER ? 300 : 40; // the router's TCP half must fill its queue of 16
        }

        @Override
        int stalledPayload() {
            return kind == Kind.ROUTER ? 1_000 : 16;
        }

        @Override
        int hostileEncoded() {
            if (kind == Kind.STATSD || kind == Kind.LOGD) {
                return 0; // they write no fields
            }
            return kind == Kind.ROUTER ? Workload.hostileMessages() * 2 / 3 : Workload.hostileMessages(); // no log lines
        }

        @Override
        void release() {
            if (tcp != null) {
                tcp.release();
            }
        }

        @Override
        int delivered(long sent) {
            int n = 0;
            for (byte[] d = receiver.receive(Duration.ofMillis(300)); d != null;
                 d = receiver.receive(Duration.ofMillis(300))) {
                n += kind == Kind.STATSD ? statsdMessages(new String(d, StandardCharsets.UTF_8)) : 1;
            }
            if (tcp != null) {
                tcp.await((int) Math.max(0, sent - n), Duration.ofSeconds(10)); // the rest is the TCP half's
            }
            return n + tcpLines();
        }

        /** The messages a statsd datagram carries: an aggregated counter line {@code name:N|c} stands for N calls. */
        private static int statsdMessages(String datagram) {
            int n = 0;
            for (String line : datagram.split("\n")) {
                int colon = line.lastIndexOf(':');
                int bar = line.indexOf('|', colon);
                n += line.startsWith("c", bar + 1) ? Integer.parseInt(line.substring(colon + 1, bar)) : 1;
            }
            return n;
        }

        private int tcpLines() {
            return tcp == null ? 0 : tcp.count();
        }

        @Override
        void evidence(Shape shape, DeliveryStats stats, int delivered, int accepted) {
            Evidence.standard(shape, stats, delivered, accepted, kind == Kind.ROUTER, hostileEncoded());
            if (kind == Kind.LOGD && shape == Shape.UNENCODABLE) {
                assertEquals(1, stats.failed(), "the log line whose tb field cannot be printed failed: " + stats);
            }
        }

        @Override
        public void close() {
            receiver.close();
            if (tcp != null) {
                tcp.close();
            }
        }
    }
}

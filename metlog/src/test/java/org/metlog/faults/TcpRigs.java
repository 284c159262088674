package org.metlog.faults;

import java.time.Duration;
import java.util.List;
import org.metlog.message.DeliveryStats;
import org.metlog.senders.FaultHooks;
import org.metlog.spi.Sender;
import org.metlog.testing.Ports;
import org.metlog.testing.RecordingErrorHandler;
import org.metlog.testing.TcpLineServer;

/**
 * {@code TcpSender} and an {@code AsyncSender} around it, with a real loopback {@link TcpLineServer}.
 *
 * <ul>
 *   <li>ABSENT: nothing listens on the port (connections are refused): messages wait in the sender's queue of 16
 *       while it reconnects, the rest are dropped as the queue is full, and {@code close()} counts what is still
 *       queued after its 500 ms.</li>
 *   <li>STALLED: the server accepts but holds its reads until released: the socket buffers (8 KiB asked for the
 *       send buffer) and the queue of 16 fill, so of 300 messages of about 1 KB some are dropped and counted;
 *       the stall stays shorter than the 30 s write timeout, so the connection is not given up (a broken
 *       connection can lose what the two socket buffers held, which docs/tcp.md bounds).</li>
 *   <li>UNENCODABLE: the server reads; the hostile field sets are described or cut.</li>
 * </ul>
 */
final class TcpRigs {
    private TcpRigs() {
    }

    static List<Rig> all() {
        return List.of(rig("TcpSender", false), rig("AsyncSender(TcpSender)", true));
    }

    private static Rig rig(String name, boolean async) {
        return new Rig() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Cell open(Shape shape) {
                return new TcpCell(shape, async);
            }
        };
    }

    private static final class TcpCell extends Cell {
        private final TcpLineServer server;
        private final Sender sender;

        TcpCell(Shape shape, boolean async) {
            RecordingErrorHandler errors = new RecordingErrorHandler();
            server = shape == Shape.ABSENT ? null : shape == Shape.STALLED
                ? TcpLineServer.builder().held().receiveBuffer(4096).start() : TcpLineServer.start();
            Sender tcp = FaultHooks.tcp(server == null ? Ports.freeTcp() : server.port(), 16,
                Duration.ofMillis(shape == Shape.ABSENT ? 500 : 10_000), errors);
            sender = async ? FaultHooks.async(tcp, 8192, errors) : tcp;
            if (server != null && !sender.awaitConnection(Duration.ofSeconds(10))) {
                throw new AssertionError(sender + " did not connect within 10 s");
            }
        }

        @Override
        Sender sender() {
            return sender;
        }

        @Override
        int stalledMessages() {
            return 300;
        }

        @Override
        int stalledPayload() {
            return 1_000;
        }

        @Override
        void release() {
            if (server != null) {
                server.release();
            }
        }

        @Override
        int delivered(long sent) {
            if (server == null) {
                return 0;
            }
            server.await((int) sent, Duration.ofSeconds(10));
            return server.count();
        }

        @Override
        void evidence(Shape shape, DeliveryStats stats, int delivered, int accepted) {
            Evidence.standard(shape, stats, delivered, accepted, true, hostileEncoded());
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}

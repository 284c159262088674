package org.metlog.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.metlog.logging.Slf4jLoggingSender;
import org.metlog.message.DeliveryStats;
import org.metlog.senders.FaultHooks;
import org.metlog.senders.StdLibLoggingSender;
import org.metlog.spi.Sender;
import org.metlog.testing.LogbackConfig;
import org.metlog.testing.RecordingErrorHandler;
import org.metlog.testing.RecordingHandler;

/**
 * The logging senders, whose receiver is the logging framework's handler (java.util.logging) or appender (Logback
 * behind SLF4J) on the sender's logger; log lines go as payload text, every other type as JSON.
 *
 * <ul>
 *   <li>ABSENT: the logger is switched off (level {@code OFF}): the framework would deliver the message nowhere,
 *       and the sender can ask it ({@code isLoggable}, {@code isEnabled}) and counts such a message as
 *       {@code filtered}. The other absent destinations are not visible to a sender, by the frameworks' design:
 *       a logger without handlers or appenders discards, and Logback catches what an appender throws
 *       (docs/delivery.md says so).</li>
 *   <li>STALLED: the handler or appender blocks until released. A synchronous logging sender blocks its caller
 *       with it, by design (docs/api.md says so), so the cell wraps it in an {@code AsyncSender} of 16 messages
 *       that drops when full.</li>
 *   <li>UNENCODABLE: the handler or appender records; the hostile field sets are described or cut.</li>
 * </ul>
 */
final class LoggingRigs {
    private static final List<String> PAYLOAD_TYPES = List.of("oldstyle");
    private static final List<String> JSON_TYPES = List.of("*");

    private LoggingRigs() {
    }

    static List<Rig> all() {
        return List.of(new Rig() {
            @Override
            public String name() {
                return "StdLibLoggingSender";
            }

            @Override
            public Cell open(Shape shape) {
                return new JulCell(shape);
            }
        }, new Rig() {
            @Override
            public String name() {
                return "Slf4jLoggingSender";
            }

            @Override
            public Cell open(Shape shape) {
                return new LogbackCell(shape);
            }
        });
    }

    /** A base for both: the gate a stalled receiver waits on, and the async wrapping under STALLED. */
    private abstract static class GatedCell extends Cell {
        final CountDownLatch gate;
        final boolean stalled;

        GatedCell(Shape shape) {
            this.stalled = shape == Shape.STALLED;
            this.gate = new CountDownLatch(stalled ? 1 : 0);
        }

        Sender wrap(Sender plain) {
            return stalled ? FaultHooks.async(plain, 16, new RecordingErrorHandler()) : plain;
        }

        void waitForGate() {
            try {
                gate.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        int stalledMessages() {
            return 300;
        }

        @Override
        int hostileEncoded() {
            return Workload.hostileMessages() * 2 / 3; // log lines go as their payload text, fields unwritten
        }

        @Override
        void release() {
            gate.countDown();
        }

        @Override
        void evidence(Shape shape, DeliveryStats stats, int delivered, int accepted) {
            if (shape == Shape.ABSENT) {
                assertEquals(accepted, stats.filtered(), "a switched-off logger's messages are filtered: " + stats);
            }
            Evidence.standard(shape, stats, delivered, accepted, true, hostileEncoded());
        }
    }

    private static final class JulCell extends GatedCell {
        private final List<LogRecord> records = new CopyOnWriteArrayList<>();
        private final Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                waitForGate();
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        private final Logger logger;
        private final Sender sender;

        JulCell(Shape shape) {
            super(shape);
            String name = "matrix.jul." + shape;
            logger = RecordingHandler.isolatedLogger(name, handler);
            if (shape == Shape.ABSENT) {
                logger.setLevel(java.util.logging.Level.OFF);
            }
            sender = wrap(new StdLibLoggingSender(name, PAYLOAD_TYPES, JSON_TYPES));
        }

        @Override
        Sender sender() {
            return sender;
        }

        @Override
        int delivered(long sent) {
            return records.size();
        }

        @Override
        public void close() {
            logger.removeHandler(handler);
        }
    }

    private static final class LogbackCell extends GatedCell {
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent event) {
                waitForGate();
                super.append(event);
            }
        };
        private final ch.qos.logback.classic.Logger logger;
        private final Sender sender;

        LogbackCell(Shape shape) {
            super(shape);
            String name = "matrix.slf4j." + shape;
            logger = LogbackConfig.context().getLogger(name);
            appender.setContext(LogbackConfig.context());
            appender.start();
            logger.setLevel(shape == Shape.ABSENT ? Level.OFF : Level.TRACE);
            logger.setAdditive(false);
            logger.addAppender(appender);
            sender = wrap(new Slf4jLoggingSender(name, PAYLOAD_TYPES, JSON_TYPES));
        }

        @Override
        Sender sender() {
            return sender;
        }

        @Override
        int delivered(long sent) {
            synchronized (appender) {
                return appender.list.size();
            }
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
            appender.stop();
        }
    }
}

package org.metlog.faults;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.metlog.MetlogClient;

/**
 * What the matrix gives a client in each shape, through the client's public methods, and how many messages that
 * is: counters ({@code incr}), log lines ({@code info}, type {@code oldstyle}) and messages of type
 * {@link #CUSTOM} ({@code metlog}), in turn. Under {@link Shape#UNENCODABLE} every hostile field set is sent once
 * as a counter's fields, once as a custom message's and once as a log line's, each followed by a plain message.
 */
final class Workload {
    static final String LOGGER = "matrix";
    static final String CUSTOM = "custom";
    static final int PLAIN = 30;

    private Workload() {
    }

    /** {@return how many messages were given: the accepted count} */
    static int run(MetlogClient client, Shape shape, Cell cell) {
        if (shape != Shape.UNENCODABLE) {
            int n = shape == Shape.STALLED ? cell.stalledMessages() : PLAIN;
            String payload = "p".repeat(shape == Shape.STALLED ? cell.stalledPayload() : 16);
            for (int i = 0; i < n; i++) {
                plain(client, i, payload);
            }
            return n;
        }
        int given = 0;
        for (Map<String, ?> fields : hostileFieldSets()) {
            client.incr("matrix.hostile", 1, 1.0, null, null, fields);
            client.metlog(CUSTOM, "hostile", fields);
            client.metlog(MetlogClient.TYPE_OLDSTYLE, "hostile", fields);
            plain(client, given, "between");
            given += 4;
        }
        return given;
    }

    /** {@return how many of the messages {@link #run} gives under UNENCODABLE carry a hostile field set} */
    static int hostileMessages() {
        return hostileFieldSets().size() * 3;
    }

    private static void plain(MetlogClient client, int i, String payload) {
        switch (i % 3) { // under UNENCODABLE i steps by 4, so all three kinds come round there too
            case 0 -> client.incr("matrix.count");
            case 1 -> client.info("line %d", i);
            default -> client.metlog(CUSTOM, payload, Map.of("i", i));
        }
    }

    /**
     * The field sets no encoder can write as they are: a value whose {@code toString()} throws a runtime exception,
     * one that throws an {@code Error} (not a fatal one: an {@link OutOfMemoryError} is rethrown by design and
     * would end the test run, so none is used), one that recurses into a {@link StackOverflowError}, a map key
     * whose {@code toString()} throws, a list past the budget's 10,000 values, a string past its 1 MiB, and a
     * {@code tb} (traceback) field whose {@code toString()} throws, which {@code LogdSender} reads itself.
     */
    static List<Map<String, ?>> hostileFieldSets() {
        return List.of(
            Map.of("boom", new Throwing(new IllegalStateException("no text"))),
            Map.of("error", new Throwing(new AssertionError("no text either"))),
            Map.of("cyclic", new Recursing()),
            Map.of("nested", Map.of(new Throwing(new IllegalArgumentException("bad key")), 1)),
            Map.of("many", Collections.nCopies(20_000, 7)),
            Map.of("huge", "h".repeat((1 << 20) + 1_000)),
            Map.of("tb", new Throwing(new IllegalStateException("no trace"))));
    }

    private static final class Throwing {
        private final Throwable thrown;

        Throwing(Throwable thrown) {
            this.thrown = thrown;
        }

        @Override
        public String toString() {
            if (thrown instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) thrown;
        }
    }

    private static final class Recursing {
        @Override
        public String toString() {
            return "again " + this;
        }
    }
}

package org.metlog.bench;

import com.timgroup.statsd.NonBlockingStatsDClient;
import com.timgroup.statsd.NonBlockingStatsDClientBuilder;

/**
 * java-dogstatsd-client 4.4.3 clients to a loopback port, built with {@link NonBlockingStatsDClientBuilder} and its
 * defaults (queue of 4096, client-side aggregation, telemetry) except for the mode, as both
 * {@link DogStatsdBenchmark} and {@link StatsdVsDogStatsdBenchmark} use them.
 */
final class DogStatsdClients {
    private DogStatsdClients() {
    }

    /** The modes the benchmarks compare. */
    enum Mode {
        /** The default: non-blocking, a full queue drops the metric (silently for the application). */
        DEFAULT,
        /** {@code blocking(true)}: the caller waits for room in the queue. */
        BLOCKING,
        /** {@code enableAggregation(false)}: every increment is a line of its own. */
        NO_AGGREGATION
    }

    /**
     * @param mode the mode
     * @param port the loopback UDP port of the receiver
     * @return a started client sending to 127.0.0.1:port
     */
    static NonBlockingStatsDClient build(Mode mode, int port) {
        NonBlockingStatsDClientBuilder builder = new NonBlockingStatsDClientBuilder()
            .hostname("127.0.0.1").port(port);
        if (mode == Mode.BLOCKING) {
            builder.blocking(true);
        } else if (mode == Mode.NO_AGGREGATION) {
            builder.enableAggregation(false);
        }
        return builder.build();
    }
}

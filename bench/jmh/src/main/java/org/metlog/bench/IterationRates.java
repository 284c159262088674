package org.metlog.bench;

/** Remembers a count at the start of a JMH iteration, to report what arrived during it. Used from one thread. */
final class IterationRates {
    private long startReceived;

    void start(long received) {
        startReceived = received;
    }

    long received(long received) {
        return received - startReceived;
    }
}

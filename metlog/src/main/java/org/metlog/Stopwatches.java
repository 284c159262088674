package org.metlog;

/**
 * pylogd's named timers and accumulators ({@code timer.start/stop}, {@code start_accumulator},
 * {@code stop_accumulator}, {@code flush_accumulator}, {@code flush}): the operations, on top of the per-thread
 * state of {@link NamedTimers}. Times are read from the client's monotonic clock and sampling decisions drawn from
 * its random source: a named timer is sampled when it starts (a sampled-out start reads no clock), an accumulator
 * when it is flushed. Disabled names record and send nothing.
 */
final class Stopwatches {
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final NamedTimers state = new NamedTimers();
    private final Statistics statistics;
    private final TimeAndChance time;

    Stopwatches(Statistics statistics) {
        this.statistics = statistics;
        this.time = statistics.time();
    }

    /** @throws IllegalArgumentException if the name is null or the rate is outside 0 to 1 */
    void startTimer(String name, double rate) {
        check("timer", name, rate);
        if (statistics.isTimerDisabled(name) || time.sampledOut(rate)) {
            state.forget(name);
            return;
        }
        state.start(name, rate, time.nanos());
    }

    void stopTimer(String name) {
        if (name == null) {
            return;
        }
        long now = time.nanos();
        NamedTimers.Running running = state.stop(name);
        if (running == null || statistics.isTimerDisabled(name)) {
            return;
        }
        statistics.timer(name, (now - running.startNanos()) / NANOS_PER_MILLI, running.rate(), null, null, null);
    }

    /** @throws IllegalArgumentException if the name is null or the rate is outside 0 to 1 */
    void startAccumulator(String name, double rate) {
        check("accumulator", name, rate);
        if (!statistics.isTimerDisabled(name)) {
            state.startAccumulator(name, rate, time.nanos());
        }
    }

    void stopAccumulator(String name) {
        if (name != null) {
            state.stopAccumulator(name, time.nanos());
        }
    }

    void flushAccumulator(String name) {
        if (name != null) {
            sendTotal(state.flush(name));
        }
    }

    void flushAccumulators() {
        for (NamedTimers.Total total : state.flushAll()) {
            sendTotal(total);
        }
    }

    private void sendTotal(NamedTimers.Total total) {
        if (total == null || statistics.isTimerDisabled(total.name()) || time.sampledOut(total.rate())) {
            return;
        }
        statistics.timer(total.name(), total.nanos() / NANOS_PER_MILLI, total.rate(), null, null, null);
    }

    private static void check(String what, String name, double rate) {
        Statistics.checkRate(rate);
        if (name == null) {
            throw new IllegalArgumentException(what + " name must not be null");
        }
    }
}

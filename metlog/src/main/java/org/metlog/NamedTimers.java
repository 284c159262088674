package org.metlog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-thread state behind a client's named timers ({@link MetlogClient#startTimer(String)}) and accumulators
 * ({@link MetlogClient#startAccumulator(String)}): two maps per thread, keyed by the name as the application
 * wrote it (without the client's prefix). A thread sees only its own entries, so no locking is needed.
 *
 * <p>Entries are removed when a timer stops and when an accumulator is flushed with no section running, so a
 * thread that pairs its calls keeps nothing behind.
 */
final class NamedTimers {
    private static final long NOT_RUNNING = Long.MIN_VALUE;

    private final ThreadLocal<Map<String, Running>> timers = ThreadLocal.withInitial(HashMap::new);
    private final ThreadLocal<Map<String, Accumulator>> accumulators = ThreadLocal.withInitial(LinkedHashMap::new);

    /** A started timer: when, on the client's monotonic clock in nanoseconds, and the rate it sends with. */
    record Running(long startNanos, double rate) {
    }

    /** The total of an accumulator's completed sections, handed out by a flush. */
    record Total(String name, long nanos, double rate) {
    }

    private static final class Accumulator {
        final double rate;
        long totalNanos;
        int sections;
        long sectionStart = NOT_RUNNING;

        Accumulator(double rate) {
            this.rate = rate;
        }
    }

    void start(String name, double rate, long nowNanos) {
        timers.get().put(name, new Running(nowNanos, rate));
    }

    /** Forgets a started timer without sending it (a restart that is sampled out or disabled). */
    void forget(String name) {
        Map<String, Running> map = timers.get();
        if (!map.isEmpty()) {
            map.remove(name);
        }
    }

    /** {@return the started timer, now removed, or null if this thread has none of that name} */
    Running stop(String name) {
        Map<String, Running> map = timers.get();
        return map.isEmpty() ? null : map.remove(name);
    }

    /** Starts (or restarts) a section; the rate of the first start since the last flush is kept. */
    void startAccumulator(String name, double rate, long nowNanos) {
        accumulators.get().computeIfAbsent(name, n -> new Accumulator(rate)).sectionStart = nowNanos;
    }

    /** Adds the running section's time; does nothing if no section of that name is running. */
    void stopAccumulator(String name, long nowNanos) {
        Accumulator acc = accumulators.get().get(name);
        if (acc == null || acc.sectionStart == NOT_RUNNING) {
            return;
        }
        acc.totalNanos += nowNanos - acc.sectionStart;
        acc.sections++;
        acc.sectionStart = NOT_RUNNING;
    }

    /**
     * Takes the total of the completed sections and resets it; a running section keeps running.
     *
     * @return the total, or null if no section of that name was completed since the last flush
     */
    Total flush(String name) {
        Map<String, Accumulator> map = accumulators.get();
        Accumulator acc = map.get(name);
        if (acc == null) {
            return null;
        }
        return take(name, acc, map, null);
    }

    /** {@return the totals of every accumulator of this thread with a completed section, in start order} */
    List<Total> flushAll() {
        Map<String, Accumulator> map = accumulators.get();
        List<Total> totals = new ArrayList<>(map.size());
        for (Iterator<Map.Entry<String, Accumulator>> it = map.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Accumulator> entry = it.next();
            Total total = take(entry.getKey(), entry.getValue(), null, it);
            if (total != null) {
                totals.add(total);
            }
        }
        return totals;
    }

    private static Total take(String name, Accumulator acc, Map<String, Accumulator> map,
                              Iterator<Map.Entry<String, Accumulator>> it) {
        Total total = acc.sections == 0 ? null : new Total(name, acc.totalNanos, acc.rate);
        if (acc.sectionStart == NOT_RUNNING) {
            if (it != null) {
                it.remove();
            } else {
                map.remove(name);
            }
        } else {
            acc.totalNanos = 0;
            acc.sections = 0;
        }
        return total;
    }
}

package org.metlog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.metlog.message.Severity;

/**
 * The rate-1 timers a client hands out by name ({@link MetlogClient#timer(String)}): the same object for the same
 * name, so asking for a timer on a hot path allocates nothing. At most {@value #LIMIT} names are kept; beyond that
 * a new timer is made per call, so a program that invents names cannot grow the cache without bound.
 */
final class TimerCache {
    static final int LIMIT = 10_000;

    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final Statistics statistics;

    TimerCache(Statistics statistics) {
        this.statistics = statistics;
    }

    /** @throws IllegalArgumentException if the name is null */
    Timer get(String name) {
        Timer timer = timers.get(checkName(name));
        if (timer == null) {
            timer = new Timer(statistics, name, 1.0, null, null, null);
            if (timers.size() < LIMIT) {
                Timer raced = timers.putIfAbsent(name, timer);
                timer = raced != null ? raced : timer;
            }
        }
        return timer;
    }

    /**
     * Makes a new timer, not cached.
     *
     * @throws IllegalArgumentException if the name is null, the rate is outside 0 to 1 or the severity outside 0 to 7
     */
    Timer create(String name, double rate, String logger, Integer severity, Map<String, ?> fields) {
        Statistics.checkRate(rate);
        if (severity != null) {
            Severity.check(severity);
        }
        return new Timer(statistics, checkName(name), rate, logger, severity, fields);
    }

    /** @throws IllegalArgumentException if the name is null */
    static String checkName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("timer name must not be null");
        }
        return name;
    }
}

package org.metlog.senders;

import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.metlog.message.Message;

/**
 * {@link StatsdSender}'s client-side aggregation: within a flush interval, counters are summed and gauges keep
 * their last value per name, rate and tags (one {@link StatsdMetric} each), and timers keep each sample; a flush
 * writes one line per counter and gauge and one per timer sample, counted as the calls they stand for. A timer
 * sample beyond what its timer has room for in one interval is sent as a line of its own (queued, as without
 * aggregation); the room grows from flush to flush while all timers together hold at most {@code capacity} more
 * samples than their first ones.
 *
 * <p>Finding a call's metric allocates nothing once the metric exists: a lookup by the message's name string in a
 * {@link ConcurrentHashMap}, then a scan of that name's few metrics for the kind, rate and tags (the tags are one
 * shared string for a message without fields). At most {@code capacity} metrics are held; a call that would need
 * one more is refused (the sender counts it as {@code droppedQueueFull}). A metric that no call reached for
 * {@value #IDLE_FLUSHES} flushes in a row is forgotten, so names that come and go do not fill the table.
 * Thread-safe; {@link #add} never blocks.
 */
final class StatsdAggregator implements StatsdMetric.Room {
    /** Flushes in a row without a call after which a metric is forgotten. */
    static final int IDLE_FLUSHES = 10;

    /** What {@link #add} did with a message. */
    enum Result {
        /** Aggregated; it is counted when its line's datagram is written. */
        ADDED,
        /** Aggregated, and a timer's room is half full: the sender should flush soon rather than at the interval. */
        ADDED_FLUSH_SOON,
        /** Not a statsd type: for the sender to count as filtered. */
        NOT_STATSD,
        /** No room for another metric: for the sender to count as dropped. */
        FULL,
        /** It cannot be aggregated (too long, an unusual value): for the sender to send as a line of its own. */
        AS_LINE
    }

    /** Where a timer sample beyond its timer's room goes: the batcher's queue of lines. */
    @FunctionalInterface
    interface Lines {
        /** {@return false if the queue is full (the line is not queued)} */
        boolean offer(byte[] line);
    }


    /** The metrics of one name: few, so scanned; replaced whole when one is added or forgotten. */
    private static final class Slot {
        volatile StatsdMetric[] metrics = new StatsdMetric[0];
        boolean dead; // guarded by this: forgotten, no longer in the map
    }

    private static final int LONGEST_COUNT = 20; // digits and sign of Long.MIN_VALUE
    private static final long NOT_WHOLE = Long.MIN_VALUE;
    /** Stands for "send it as a line" in {@link #find}: a name too long to fit a datagram with its value. */
    private static final StatsdMetric AS_LINE_METRIC = new StatsdMetric(StatsdLines.Kind.COUNTER, "", 1.0, "", null,
        "", "");

    private final String prefix;
    private final StatsdTags tags;
    private final int maxLine;
    private final int capacity;
    private final StatsdMetric.Drops drops;
    private final ConcurrentHashMap<String, Slot> byName = new ConcurrentHashMap<>();
    /** Every held metric in the order it was made, which is the order of the lines. */
    private final Queue<StatsdMetric> inOrder = new ConcurrentLinkedQueue<>();
    private final AtomicInteger held = new AtomicInteger();
    /** Timer sample slots the flush may still add to cells, beyond their first ones; the flush's own. */
    private int sampleRoom;

    /**
     * @param prefix   the sender's sanitised prefix, or ""
     * @param maxLine  the longest line, in bytes: the datagram size
     * @param capacity the most metrics held at once
     */
    StatsdAggregator(String prefix, StatsdTags tags, int maxLine, int capacity, StatsdMetric.Drops drops) {
        this.prefix = prefix;
        this.tags = tags;
        this.maxLine = maxLine;
        this.capacity = capacity;
        this.drops = drops;
        this.sampleRoom = capacity;
    }

    /**
     * Adds one message to its metric. Never blocks; allocates nothing for a message without fields whose metric
     * exists.
     *
     * @param overflow where a timer sample goes, as a line, when its timer has no room left in this interval
     * @throws IllegalArgumentException if a statistic has no name, a bad rate or a payload that is not a number
     */
    Result add(Message message, Lines overflow) {
        StatsdLines.Kind kind = StatsdLines.Kind.of(message.type());
        if (kind == null) {
            return Result.NOT_STATSD;
        }
        String name = message.statName();
        double rate;
        if (name != null) {
            rate = message.statRate();
            if (!(rate >= 0.0 && rate <= 1.0)) {
                rate = StatFields.rate(message); // throws, naming the rate
            }
        } else {
            name = StatFields.name(message);
            rate = StatFields.rate(message);
        }
        String value = StatsdLines.checkedValue(message, message.type(), name);
        long count = 0;
        if (kind == StatsdLines.Kind.COUNTER) {
            count = wholeNumber(value);
            if (count == NOT_WHOLE) {
                return Result.AS_LINE;
            }
        } else if (kind == StatsdLines.Kind.GAUGE) {
            rate = 1.0; // a gauge's line has no rate: one metric whatever the rate
        }
        String tagText = tags.text(message);
        while (true) {
            StatsdMetric metric = find(kind, name, rate, tagText);
            if (metric == null) {
                return Result.FULL;
            }
            if (metric == AS_LINE_METRIC) {
                return Result.AS_LINE;
            }
            switch (metric.add(count, value)) {
                case ADDED -> {
                    return Result.ADDED;
                }
                case ADDED_FLUSH_SOON -> {
                    return Result.ADDED_FLUSH_SOON;
                }
                case NOT_AGGREGATED -> { // no room: a timer's sample becomes a queued line, formatted without the message
                    if (kind != StatsdLines.Kind.TIMER) {
                        return Result.AS_LINE;
                    }
                    byte[] line = metric.line(value);
                    return line.length > maxLine ? Result.AS_LINE : overflow.offer(line) ? Result.ADDED : Result.FULL;
                }

                default -> {
                    // forgotten meanwhile: look it up again
                }
            }
        }
    }


    /** {@return the decimal as a long if it is a whole number of at most 18 digits, else {@link #NOT_WHOLE}} */
    static long wholeNumber(String value) {
        int n = value.length();
        int i = n > 0 && (value.charAt(0) == '-' || value.charAt(0) == '+') ? 1 : 0;
        if (i == n || n - i > 18) {
            return NOT_WHOLE;
        }
        long result = 0;
        for (; i < n; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_WHOLE;
            }
            result = result * 10 + (c - '0');
        }
        return value.charAt(0) == '-' ? -result : result;
    }

    /** {@return the metric, made if need be; null if there is no room for it; {@link #AS_LINE_METRIC}} */
    private StatsdMetric find(StatsdLines.Kind kind, String name, double rate, String tagText) {
        while (true) {
            Slot slot = byName.get(name);
            if (slot != null) {
                StatsdMetric found = scan(slot.metrics, kind, rate, tagText);
                if (found != null) {
                    return found;
                }
            } else {
                slot = byName.computeIfAbsent(name, key -> new Slot());
            }
            synchronized (slot) { // making a metric: once per metric, not on the common path
                if (slot.dead) {
                    continue;
                }
                StatsdMetric found = scan(slot.metrics, kind, rate, tagText);
                if (found != null) {
                    return found;
                }
                return make(slot, kind, name, rate, tagText);
            }
        }
    }

    private static StatsdMetric scan(StatsdMetric[] metrics, StatsdLines.Kind kind, double rate, String tagText) {
        for (StatsdMetric m : metrics) {
            if (m.kind == kind && m.rate == rate && (m.tags == tagText || m.tags.equals(tagText))) {
                return m;
            }
        }
        return null;
    }

    private StatsdMetric make(Slot slot, StatsdLines.Kind kind, String name, double rate, String tagText) {
        StatsdFlavor flavor = tags.flavor();
        String type = switch (kind) {
            case COUNTER -> Message.TYPE_COUNTER;
            case TIMER -> Message.TYPE_TIMER;
            default -> Message.TYPE_GAUGE;
        };
        StatsdMetric metric = new StatsdMetric(kind, name, rate, tagText, slot,
            StatsdLines.head(name, prefix, flavor, tagText), StatsdLines.tail(type, rate, flavor, tagText));
        if (!metric.fits(LONGEST_COUNT, maxLine)) {
            return AS_LINE_METRIC; // the sender's line path drops it as too large, or sends an unusual value
        }
        if (held.incrementAndGet() > capacity) {
            held.decrementAndGet();
            return null;
        }
        StatsdMetric[] before = slot.metrics;
        StatsdMetric[] after = java.util.Arrays.copyOf(before, before.length + 1);
        after[before.length] = metric;
        inOrder.add(metric);
        slot.metrics = after;
        return metric;
    }

    /**
     * Writes every metric's line(s) into the packet and forgets the metrics idle for {@value #IDLE_FLUSHES}
     * flushes. Call under the batcher's lock.
     */
    void flushInto(StatsdPacket packet) {
        for (Iterator<StatsdMetric> it = inOrder.iterator(); it.hasNext(); ) {
            StatsdMetric metric = it.next();
            metric.flushInto(packet, drops, this);
            if (metric.idleFlushes() >= IDLE_FLUSHES) {
                forget(metric);
                sampleRoom += metric.extraSamples();
                metric.retire(packet, drops); // what arrived while it was being forgotten
                it.remove();
                held.decrementAndGet();
            }
        }
    }

    /**
     * Grows a timer cell's room for samples towards what its last interval wanted, within the budget: all timers
     * together hold at most {@code capacity} samples beyond their first {@value StatsdMetric#FIRST_SAMPLES} each.
     * The flush's own.
     *
     * @return the new room, at least {@code have}
     */
    @Override
    public int grantSamples(int have, int wanted) {
        int target = Integer.highestOneBit(Math.max(wanted - 1, 1)) << 1; // the next power of two from wanted
        int extra = Math.max(0, Math.min(target - have, sampleRoom));
        sampleRoom -= extra;
        return have + extra;
    }

    private void forget(StatsdMetric metric) {
        Slot slot = (Slot) metric.slot;
        synchronized (slot) {
            StatsdMetric[] before = slot.metrics;
            StatsdMetric[] after = new StatsdMetric[before.length - 1];
            int j = 0;
            for (StatsdMetric m : before) {
                if (m != metric) {
                    after[j++] = m;
                }
            }
            slot.metrics = after;
            if (after.length == 0) {
                slot.dead = true;
                byName.remove(metric.name, slot);
            }
        }
    }

    /** {@return the number of metrics held, for tests} */
    int held() {
        return held.get();
    }
}

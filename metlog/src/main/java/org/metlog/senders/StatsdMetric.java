package org.metlog.senders;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One aggregated statsd metric of a {@code StatsdAggregator}: a kind, a name, a rate and tags, with its line's
 * text before and after the value formatted once, and what the calls of the current flush interval added up to: a
 * counter's sum, a gauge's last value, or a timer's samples.
 *
 * <p>Callers add to the <em>active</em> {@link Cell}; a flush swaps in the other (spare) cell and takes the old
 * one's contents once no caller is still inside it. A caller announces itself in the cell's {@code state} before
 * adding and checks that the cell is still active afterwards; if it is not, it withdraws and adds to the new one.
 * So a caller that saw the old cell active is counted in the old cell's state before the flush looks, and the flush
 * waits for it; every call is added to exactly one interval, with the number of calls it makes up, never lost and
 * never taken twice. Callers never lock, never wait for the flush, and allocate nothing.
 */
final class StatsdMetric {
    /** What an {@link #add} did. */
    enum Added {
        /** The call was added. */
        ADDED,
        /** The call was added and filled half a timer's room for this interval: time to flush. */
        ADDED_FLUSH_SOON,
        /** The metric was forgotten (idle): look it up again. */
        RETIRED,
        /**
         * It cannot be aggregated (a counter's sum would overflow a long, a timer has no room left for samples in
         * this interval): send it as a line of its own.
         */
        NOT_AGGREGATED
    }

    /** Where a flush counts calls whose line turned out longer than a datagram. */
    @FunctionalInterface
    interface Drops {
        void tooLarge(long calls);
    }

    /** Who decides how much room for samples a timer's cell may grow to (the flush's own). */
    @FunctionalInterface
    interface Room {
        /** {@return the new room for a cell that has {@code have} and saw {@code wanted} samples, at least have} */
        int grantSamples(int have, int wanted);
    }

    /** One unit of {@link Cell#state}'s low half: a caller inside the cell. */
    private static final long INSIDE = 1L;
    /** What a caller adds on leaving, having added one call: one call in the high half, one caller less inside. */
    private static final long LEAVE_COUNTED = (1L << 32) - 1;
    private static final long INSIDE_MASK = 0xFFFF_FFFFL;
    /** The timer samples a cell has room for at first; a flush that saw more grows it, as the aggregator allows. */
    static final int FIRST_SAMPLES = 16;
    private static final int SPINS_BEFORE_YIELD = 100;

    /** What the calls of one interval added up to. */
    private static final class Cell {
        /** High 32 bits: calls added; low 32 bits: callers inside now. */
        final AtomicLong state = new AtomicLong();
        final AtomicLong sum = new AtomicLong();
        volatile String value;
        final AtomicInteger samples = new AtomicInteger();
        String[] sampleValues;

        Cell(boolean timer) {
            this.sampleValues = timer ? new String[FIRST_SAMPLES] : null;
        }
    }

    final StatsdLines.Kind kind;
    final String name;
    final double rate;
    final String tags;
    /** The {@code StatsdAggregator}'s slot that holds this metric. */
    final Object slot;
    private final byte[] head;
    private final byte[] tail;
    private volatile Cell active;
    private Cell spare; // the flush's own
    private int idleFlushes; // the flush's own

    StatsdMetric(StatsdLines.Kind kind, String name, double rate, String tags, Object slot, String head,
                 String tail) {
        this.kind = kind;
        this.name = name;
        this.rate = rate;
        this.tags = tags;
        this.slot = slot;
        this.head = head.getBytes(StandardCharsets.UTF_8);
        this.tail = tail.getBytes(StandardCharsets.UTF_8);
        this.active = new Cell(kind == StatsdLines.Kind.TIMER);
        this.spare = new Cell(kind == StatsdLines.Kind.TIMER);
    }

    /** {@return whether a line of this metric with a value of {@code valueLength} bytes fits in {@code limit}} */
    boolean fits(int valueLength, int limit) {
        return lineLength(valueLength) <= limit;
    }

    private int lineLength(int valueLength) {
        return head.length + 1 + valueLength + tail.length;
    }

    /** {@return the line of one call with this value, on its own} */
    byte[] line(String value) {
        byte[] line = new byte[lineLength(value.length())];
        System.arraycopy(head, 0, line, 0, head.length);
        line[head.length] = ':';
        for (int i = 0; i < value.length(); i++) {
            line[head.length + 1 + i] = (byte) value.charAt(i);
        }
        System.arraycopy(tail, 0, line, head.length + 1 + value.length(), tail.length);
        return line;
    }

    /**
     * Adds one call: {@code count} to a counter, {@code value} as a gauge's value or a timer's sample. Never blocks.
     */
    Added add(long count, String value) {
        while (true) {
            Cell c = active;
            if (c == null) {
                return Added.RETIRED;
            }
            c.state.getAndAdd(INSIDE);
            if (active != c) { // swapped by a flush meanwhile: withdraw, add to the new cell
                c.state.getAndAdd(-INSIDE);
                continue;
            }
            Added added = switch (kind) {
                case COUNTER -> addCount(c, count) ? Added.ADDED : Added.NOT_AGGREGATED;
                case GAUGE -> {
                    c.value = value;
                    yield Added.ADDED;
                }
                default -> addSample(c, value);
            };
            c.state.getAndAdd(added != Added.NOT_AGGREGATED ? LEAVE_COUNTED : -INSIDE);
            return added;
        }
    }

    private static boolean addCount(Cell c, long count) {
        long before = c.sum.getAndAdd(count);
        long after = before + count;
        if (((before ^ after) & (count ^ after)) < 0) { // overflowed: undo, the call goes as a line of its own
            c.sum.getAndAdd(-count);
            return false;
        }
        return true;
    }

    private static Added addSample(Cell c, String value) {
        int i = c.samples.getAndIncrement();
        String[] values = c.sampleValues;
        if (i >= values.length) {
            return Added.NOT_AGGREGATED;
        }
        values[i] = value;
        return i == values.length / 2 ? Added.ADDED_FLUSH_SOON : Added.ADDED;
    }

    /**
     * Takes what the calls since the last flush added up to and writes its line(s) into the packet. The flush's own:
     * call under the batcher's lock.
     *
     * @return the number of calls taken
     */
    long flushInto(StatsdPacket packet, Drops drops, Room room) {
        Cell old = active;
        if (old == null) {
            return 0;
        }
        active = spare;
        spare = old;
        long calls = write(old, quiesce(old), packet, drops, room);
        idleFlushes = calls == 0 ? idleFlushes + 1 : 0;
        return calls;
    }

    /** {@return the number of flushes in a row that found no call} */
    int idleFlushes() {
        return idleFlushes;
    }

    /** Stops taking calls (later ones look the metric up again) and writes what the last ones added up to. */
    long retire(StatsdPacket packet, Drops drops) {
        Cell last = active;
        active = null;
        return last == null ? 0 : write(last, quiesce(last), packet, drops, null);
    }

    /** {@return the timer sample slots beyond the first ones that this metric's cells hold} */
    int extraSamples() {
        return extraSamples(spare) + extraSamples(active);
    }

    private static int extraSamples(Cell c) {
        return c == null || c.sampleValues == null ? 0 : c.sampleValues.length - FIRST_SAMPLES;
    }

    /** Waits until no caller is inside the (inactive) cell, then resets its state; returns the calls it holds. */
    private static long quiesce(Cell c) {
        int spins = 0;
        while (true) {
            long s = c.state.get();
            if ((s & INSIDE_MASK) == 0) {
                if (c.state.compareAndSet(s, 0)) {
                    return s >>> 32;
                }
            } else if (++spins % SPINS_BEFORE_YIELD == 0) {
                Thread.yield(); // a caller was descheduled in its few instructions inside
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** Writes the line(s) of an inactive, quiet cell and empties it for its next turn; returns {@code calls}. */
    private long write(Cell c, long calls, StatsdPacket packet, Drops drops,
                       Room room) {
        switch (kind) {
            case COUNTER -> {
                long sum = c.sum.getAndSet(0);
                if (calls > 0) { // fits: checked for the longest sum when the metric was made
                    packet.startLine(lineLength(StatsdPacket.decimalLength(sum)));
                    line(packet, sum, null, 0);
                    packet.carries(calls);
                }
            }
            case GAUGE -> {
                String value = c.value;
                c.value = null;
                if (calls > 0) {
                    writeGauge(packet, value, calls, drops);
                }
            }
            default -> {
                String[] values = c.sampleValues;
                int taken = Math.min(c.samples.get(), values.length);
                for (int i = 0; i < taken; i++) {
                    String value = values[i];
                    values[i] = null;
                    int length = lineLength(value.length());
                    if (length > packet.capacity()) {
                        drops.tooLarge(1);
                    } else {
                        packet.startLine(length);
                        line(packet, 0, value, 0);
                        packet.carries(1);
                    }
                }
                int wanted = c.samples.get();
                if (wanted > values.length && room != null) { // more room for its next turn, if the budget allows
                    int granted = room.grantSamples(values.length, wanted);
                    if (granted > values.length) {
                        c.sampleValues = new String[granted];
                    }
                }
                c.samples.set(0);
            }
        }
        return calls;
    }

    /** A gauge's line; a negative value is reset to 0 first, since statsd reads a signed value as a change. */
    private void writeGauge(StatsdPacket packet, String value, long calls, Drops drops) {
        int from = value.startsWith("+") ? 1 : 0; // a leading '+' would make statsd add instead of set
        boolean negative = value.startsWith("-");
        int length = lineLength(value.length() - from) + (negative ? lineLength(1) + 1 : 0);
        if (length > packet.capacity()) {
            drops.tooLarge(calls);
            return;
        }
        packet.startLine(length);
        if (negative) {
            line(packet, 0, null, 0);
            packet.put('\n');
        }
        line(packet, 0, value, from);
        packet.carries(calls);
    }

    /** Writes head, {@code :}, the value ({@code text} from {@code from} on, or {@code number} if it is null), tail. */
    private void line(StatsdPacket packet, long number, String text, int from) {
        packet.put(head);
        packet.put(':');
        if (text == null) {
            packet.putDecimal(number);
        } else {
            packet.putAscii(text, from);
        }
        packet.put(tail);
    }
}

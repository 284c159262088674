package org.metlog.senders.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.metlog.message.DeliveryStats;
import org.metlog.senders.kafka.InFlight.Outcome;
import org.metlog.spi.DeliveryCounters;
import org.metlog.testing.ManualNanoClock;

/** The ledger of records in flight counts each record exactly once, however its close and its callback race. */
class InFlightTest {
    private final DeliveryCounters counters = new DeliveryCounters();
    private final InFlight inFlight = new InFlight(counters);

    @Test
    void each_outcome_is_counted_in_its_own_counter() {
        for (Outcome outcome : Outcome.values()) {
            assertTrue(inFlight.enter());
            assertTrue(inFlight.resolve(outcome));
        }
        assertEquals(new DeliveryStats(1, 0, 1, 1, 1), counters.snapshot());
        assertEquals(0, inFlight.pending());
    }

    @Test
    void settling_counts_the_pending_records_as_dropped_and_a_callback_after_it_counts_nothing() {
        for (int i = 0; i < 3; i++) {
            inFlight.enter();
        }
        inFlight.resolve(Outcome.SENT);
        assertEquals(2, inFlight.settle());
        assertFalse(inFlight.resolve(Outcome.SENT), "the close counted it already");
        assertFalse(inFlight.resolve(Outcome.FAILED));
        assertEquals(new DeliveryStats(1, 0, 2, 0, 0), counters.snapshot());
        assertEquals(0, inFlight.settle(), "settling twice counts nothing more");
        assertEquals(new DeliveryStats(1, 0, 2, 0, 0), counters.snapshot());
    }

    @Test
    void no_record_enters_once_settled() {
        inFlight.settle();
        assertFalse(inFlight.enter());
        assertEquals(DeliveryStats.EMPTY, counters.snapshot());
    }

    @Test
    void waiting_for_resolution_returns_at_once_when_nothing_is_pending_and_false_when_the_deadline_has_passed() {
        ManualNanoClock clock = new ManualNanoClock();
        assertTrue(inFlight.awaitResolved(clock.getAsLong(), clock));
        inFlight.enter();
        assertFalse(inFlight.awaitResolved(clock.getAsLong(), clock));
        inFlight.resolve(Outcome.SENT);
        assertTrue(inFlight.awaitResolved(clock.getAsLong(), clock));
    }
}

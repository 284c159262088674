package org.metlog.senders.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.metlog.testing.ManualNanoClock;

/** After a vain metadata wait, sends fail at once for a second; an acknowledgement opens the gate at once. */
class MetadataGateTest {
    private final ManualNanoClock clock = new ManualNanoClock();
    private final MetadataGate gate = new MetadataGate(clock);

    @Test
    void the_gate_is_open_until_a_metadata_wait_fails_then_shut_for_one_second() {
        assertFalse(gate.shut());
        gate.missed();
        assertTrue(gate.shut());
        clock.advance(Duration.ofMillis(999));
        assertTrue(gate.shut());
        clock.advance(Duration.ofMillis(1));
        assertFalse(gate.shut(), "one send may wait again");
    }

    @Test
    void known_metadata_opens_the_gate_at_once() {
        gate.missed();
        gate.open();
        assertFalse(gate.shut());
    }
}

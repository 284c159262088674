package org.metlog;
import org.metlog.message.DeliveryStats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.metlog.senders.DebugCaptureSender;

class TimerHotPathTest {

    @Test
    void a_disabled_timer_starts_the_shared_disabled_context_and_sends_nothing() {
        DebugCaptureSender capture = new DebugCaptureSender();
        MetlogClient client = MetlogClient.builder().sender(capture).disabledTimers(List.of("off")).build();
        Timer.Context context = client.timer("off").start();
        assertSame(Timer.Context.DISABLED, context);
        assertFalse(context.isActive());
        context.close();
        assertEquals(List.of(), capture.messages());
        assertEquals(DeliveryStats.EMPTY, client.stats());
    }

    @Test
    void a_sampled_out_timing_starts_the_shared_disabled_context_and_sends_nothing() {
        DebugCaptureSender capture = new DebugCaptureSender();
        MetlogClient client = MetlogClient.builder().sender(capture).build();
        Timer never = client.timer("rare", 0.0);
        for (int i = 0; i < 100; i++) {
            try (Timer.Context context = never.start()) {
                assertSame(Timer.Context.DISABLED, context);
            }
        }
        assertEquals(List.of(), capture.messages());
    }
}

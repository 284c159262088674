package org.metlog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.metlog.MetlogClient;
import org.metlog.message.Message;

/** RFC 3339 timestamps know the years 0000 to 9999: times outside them are refused, never wrapped. */
class TimestampRangeTest {

    @Test
    void the_first_and_last_writable_instants_are_written_exactly() {
        assertEquals("0000-01-01T00:00:00.000000Z", Timestamps.format(Timestamps.MIN_MICROS));
        assertEquals("9999-12-31T23:59:59.999999Z", Timestamps.format(Timestamps.MAX_MICROS));
    }

    @Test
    void a_time_past_the_last_year_is_written_as_the_last_instant_not_as_a_wrapped_year() {
        long year10000 = Timestamps.toMicros(Instant.parse("+10000-01-01T00:00:00Z"));
        assertEquals("9999-12-31T23:59:59.999999Z", Timestamps.format(year10000));
        long beforeYear0 = Timestamps.toMicros(Instant.parse("-0001-06-01T00:00:00Z"));
        assertEquals("0000-01-01T00:00:00.000000Z", Timestamps.format(beforeYear0));
    }

    @Test
    void a_client_whose_clock_is_outside_the_writable_years_is_refused_when_built() {
        Clock future = Clock.fixed(Instant.parse("+12000-01-01T00:00:00Z"), ZoneOffset.UTC);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> MetlogClient.builder().clock(future).build());
        assertTrue(e.getMessage().contains("outside the years 0000 to 9999"), e.getMessage());
        assertTrue(e.getMessage().contains("+12000-01-01T00:00:00Z"), e.getMessage());
    }

    @Test
    void a_message_built_with_a_time_outside_the_writable_years_is_refused() {
        long year10000 = Timestamps.toMicros(Instant.parse("+10000-01-01T00:00:00Z"));
        assertThrows(IllegalArgumentException.class, () -> Message.builder("x").timestampMicros(year10000));
    }

    @Test
    void dates_before_1970_inside_the_range_are_exact() {
        assertEquals("0001-02-03T04:05:06.000007Z",
            Timestamps.format(Timestamps.toMicros(Instant.parse("0001-02-03T04:05:06.000007Z"))));
    }
}

package org.metlog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.metlog.testing.StdCapture;

/**
 * A line offered while another thread is printing is neither waited for nor lost: the printing thread prints it
 * after its own. Only when many lines wait already is an offer refused (the handler then counts it for a summary).
 */
class DiagnosticsParkingTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void a_line_offered_while_another_prints_returns_at_once_and_is_printed_after_it() throws Exception {
        CountDownLatch printing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (StdCapture err = StdCapture.stderr()) {
            Thread printer = new Thread(() -> Diagnostics.offer(() -> {
                printing.countDown();
                await(release); // a slow stderr, as far as the other callers can tell
                return "metlog: first";
            }), "diagnostics-printer");
            printer.start();
            assertTrue(printing.await(BOUND.toSeconds(), TimeUnit.SECONDS));
            assertTrue(Diagnostics.offer(() -> "metlog: second"), "left for the printer, not refused");
            assertTrue(Diagnostics.offer(() -> "metlog: third"));
            assertEquals(List.of(), ours(err), "nothing printed while the printer is held");
            release.countDown();
            printer.join(BOUND.toMillis());
            assertFalse(printer.isAlive());
            assertEquals(List.of("metlog: first", "metlog: second", "metlog: third"), ours(err));
        }
    }

    @Test
    void beyond_sixteen_waiting_lines_an_offer_is_refused() throws Exception {
        CountDownLatch printing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (StdCapture err = StdCapture.stderr()) {
            Thread printer = new Thread(() -> Diagnostics.offer(() -> {
                printing.countDown();
                await(release);
                return "metlog: held";
            }), "diagnostics-printer");
            printer.start();
            assertTrue(printing.await(BOUND.toSeconds(), TimeUnit.SECONDS));
            List<Boolean> taken = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                taken.add(Diagnostics.offer(() -> "metlog: waiting " + n));
            }
            // another test's background thread may have left a line too, taking a place: at most sixteen are taken
            long accepted = taken.stream().filter(b -> b).count();
            assertTrue(accepted >= 1 && accepted <= 16, taken.toString());
            assertEquals(taken.subList(0, (int) accepted), java.util.Collections.nCopies((int) accepted, true));
            assertFalse(taken.subList((int) accepted, 20).contains(true), "once full, every offer is refused");
            release.countDown();
            printer.join(BOUND.toMillis());
            assertEquals(1 + accepted, ours(err).size(), "the held line and every line that waited");
        }
    }

    /** {@return this test's lines (another test's background thread may print meanwhile)} */
    private static List<String> ours(StdCapture err) {
        List<String> out = new ArrayList<>();
        for (String line : err.lines()) {
            if (line.matches("metlog: (first|second|third|held|waiting \\d+)")) {
                out.add(line);
            }
        }
        return out;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.metlog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedQueueTest {

    @Test
    void hands_out_elements_in_the_order_they_were_offered() {
        BoundedQueue<Integer> queue = new BoundedQueue<>(3);
        for (int lap = 0; lap < 5; lap++) {
            assertEquals(BoundedQueue.OK, queue.offer(lap * 10 + 1));
            assertEquals(BoundedQueue.OK, queue.offer(lap * 10 + 2));
            assertEquals(lap * 10 + 1, queue.poll());
            assertEquals(BoundedQueue.OK, queue.offer(lap * 10 + 3));
            assertEquals(lap * 10 + 2, queue.poll());
            assertEquals(lap * 10 + 3, queue.poll());
            assertNull(queue.poll());
        }
    }

    @Test
    void refuses_an_offer_beyond_a_capacity_that_is_not_a_power_of_two() {
        BoundedQueue<String> queue = new BoundedQueue<>(5);
        for (int i = 0; i < 5; i++) {
            assertEquals(BoundedQueue.OK, queue.offer("m" + i));
        }
        assertEquals(BoundedQueue.FULL, queue.offer("overflow"));
        assertEquals(5, queue.size());
        assertEquals("m0", queue.poll());
        assertEquals(BoundedQueue.OK, queue.offer("m5"));
        assertEquals(BoundedQueue.FULL, queue.offer("overflow"));
    }

    @Test
    void refuses_every_offer_once_sealed_and_reports_what_was_accepted() {
        BoundedQueue<String> queue = new BoundedQueue<>(4);
        queue.offer("a");
        queue.offer("b");
        assertEquals(2, queue.seal());
        assertTrue(queue.isSealed());
        assertEquals(BoundedQueue.SEALED, queue.offer("c"));
        assertEquals(2, queue.seal());
        assertEquals("a", queue.poll());
        assertEquals("b", queue.poll());
        assertNull(queue.poll());
        assertTrue(queue.isEmpty());
        assertEquals(2, queue.taken());
    }

    @Test
    void a_queue_of_capacity_one_holds_exactly_one_element() {
        BoundedQueue<String> queue = new BoundedQueue<>(1);
        for (int lap = 0; lap < 4; lap++) {
            assertEquals(BoundedQueue.OK, queue.offer("a" + lap));
            assertEquals(BoundedQueue.FULL, queue.offer("b" + lap));
            assertEquals(BoundedQueue.FULL, queue.offer("c" + lap));
            assertEquals("a" + lap, queue.poll());
            assertNull(queue.poll());
        }
    }

    @Test
    void rejects_a_capacity_below_one() {
        assertThrows(IllegalArgumentException.class, () -> new BoundedQueue<String>(0));
    }

    @Test
    void delivers_every_element_exactly_once_to_two_consumers_racing_four_producers() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            BoundedQueue<Long> queue = new BoundedQueue<>(100);
            int producers = 4;
            int perProducer = 50_000;
            AtomicLong refused = new AtomicLong();
            CountDownLatch done = new CountDownLatch(producers);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                long base = (long) p * perProducer;
                threads.add(new Thread(() -> {
                    for (long i = 0; i < perProducer; i++) {
                        if (queue.offer(base + i) != BoundedQueue.OK) {
                            refused.incrementAndGet();
                        }
                    }
                    done.countDown();
                }));
            }
            boolean[] seen = new boolean[producers * perProducer];
            AtomicLong duplicates = new AtomicLong();
            AtomicLong taken = new AtomicLong();
            Runnable consumer = () -> {
                while (done.getCount() > 0 || !queue.isEmpty()) {
                    Long value = queue.poll();
                    if (value == null) {
                        Thread.yield();
                        continue;
                    }
                    synchronized (seen) {
                        if (seen[value.intValue()]) {
                            duplicates.incrementAndGet();
                        }
                        seen[value.intValue()] = true;
                    }
                    taken.incrementAndGet();
                }
            };
            threads.add(new Thread(consumer));
            threads.add(new Thread(consumer));
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(0, duplicates.get());
            assertEquals(producers * (long) perProducer, taken.get() + refused.get());
            assertEquals(taken.get(), queue.taken());
            assertFalse(queue.isSealed());
        });
    }
}

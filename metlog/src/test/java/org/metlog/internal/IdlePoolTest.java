package org.metlog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared pool of idle objects: what is given back is lent again, and it never holds more than its slots. */
class IdlePoolTest {
    @Test
    void an_object_given_back_is_the_next_one_lent_and_an_empty_pool_makes_a_new_one() {
        AtomicInteger made = new AtomicInteger();
        IdlePool<Object> pool = new IdlePool<>(8, () -> {
            made.incrementAndGet();
            return new Object();
        });
        Object first = pool.take();
        Object second = pool.take();
        assertNotSame(first, second);
        assertEquals(2, made.get());
        pool.giveBack(first);
        assertEquals(1, pool.idle());
        assertSame(first, pool.take());
        assertEquals(0, pool.idle());
        assertEquals(2, made.get(), "nothing made while one was idle");
    }

    @Test
    void beyond_its_slots_a_given_back_object_is_left_to_the_collector() {
        IdlePool<Object> pool = new IdlePool<>(8, Object::new);
        List<Object> lent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lent.add(pool.take());
        }
        lent.forEach(pool::giveBack);
        assertEquals(8, pool.idle());
    }

    @Test
    void the_slots_are_a_power_of_two_sized_to_the_processors() {
        assertThrows(IllegalArgumentException.class, () -> new IdlePool<>(6, Object::new));
        assertEquals(8, IdlePool.slotsFor(1));
        assertEquals(8, IdlePool.slotsFor(2));
        assertEquals(16, IdlePool.slotsFor(3));
        assertEquals(256, IdlePool.slotsFor(1024));
    }
}

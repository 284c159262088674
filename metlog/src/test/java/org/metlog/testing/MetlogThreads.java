package org.metlog.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Finds the library's background threads (named {@code metlog-...}). */
public final class MetlogThreads {
    private MetlogThreads() {
    }

    /** @return the live threads whose name starts with "metlog-" */
    public static Set<Thread> live() {
        Set<Thread> out = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("metlog-")) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Waits until no metlog- thread is alive except those in {@code before}; fails naming the survivors.
     *
     * @param before threads that already existed (other tests' senders), not counted
     * @param max    the deadline
     */
    public static void awaitNoneBut(Set<Thread> before, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        Set<Thread> extra;
        do {
            extra = live();
            extra.removeAll(before);
            if (extra.isEmpty()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() - deadline < 0);
        fail("metlog- threads still alive after close(): "
            + extra.stream().map(t -> t.getName() + (t.isDaemon() ? " (daemon)" : "")).collect(Collectors.toList()));
    }

    /**
     * Asserts that every new metlog- thread is a daemon thread.
     *
     * @param before threads that already existed
     */
    public static void assertNewOnesAreDaemons(Set<Thread> before) {
        Set<Thread> now = live();
        now.removeAll(before);
        for (Thread t : now) {
            if (!t.isDaemon()) {
                fail("thread " + t.getName() + " is not a daemon thread");
            }
        }
    }
}

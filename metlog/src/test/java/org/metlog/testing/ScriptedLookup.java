package org.metlog.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.metlog.internal.HostLookup;

/**
 * A {@link HostLookup} for tests: answers each call with the next scripted result (an address, or null
 * for "does not resolve"), repeating the last one; or, made with {@link #neverAnswering()}, blocks every call
 * until {@link #release()}. Counts calls. Thread-safe.
 */
public final class ScriptedLookup implements HostLookup {
    private final List<InetAddress> script;
    private final CountDownLatch gate;
    private final AtomicInteger calls = new AtomicInteger();

    private ScriptedLookup(List<InetAddress> script, CountDownLatch gate) {
        this.script = script;
        this.gate = gate;
    }

    /** @return a lookup that fails {@code failures} times, then answers {@code addresses} in turn */
    public static ScriptedLookup failing(int failures, String... addresses) {
        List<InetAddress> script = new ArrayList<>();
        for (int i = 0; i < failures; i++) {
            script.add(null);
        }
        for (String a : addresses) {
            script.add(literal(a));
        }
        return new ScriptedLookup(script, null);
    }

    /** @return a lookup whose every call blocks until {@link #release()}, then fails */
    public static ScriptedLookup neverAnswering() {
        List<InetAddress> script = new ArrayList<>();
        script.add(null);
        return new ScriptedLookup(script, new CountDownLatch(1));
    }

    /** Lets blocked calls return (failing). */
    public void release() {
        if (gate != null) {
            gate.countDown();
        }
    }

    /** @return how many lookups were made (or begun) */
    public int calls() {
        return calls.get();
    }

    @Override
    public InetAddress lookUp(String host) throws UnknownHostException {
        int n = calls.getAndIncrement();
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        InetAddress answer = script.get(Math.min(n, script.size() - 1));
        if (answer == null) {
            throw new UnknownHostException(host + ": scripted failure " + (n + 1));
        }
        return answer;
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}

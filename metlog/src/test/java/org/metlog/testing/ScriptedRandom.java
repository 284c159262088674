package org.metlog.testing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * A random source for {@link org.metlog.MetlogClient.Builder#random} that returns the given values in turn, starting over
 * after the last, and counts how many it handed out, so sampling assertions are exact. Thread-safe.
 */
public final class ScriptedRandom implements DoubleSupplier {
    private final double[] values;
    private final AtomicInteger draws = new AtomicInteger();

    public ScriptedRandom(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        this.values = values.clone();
    }

    /** @return a source that fails the test if a sampling decision is ever drawn from it */
    public static DoubleSupplier never() {
        return () -> {
            throw new AssertionError("the random source was consulted");
        };
    }

    @Override
    public double getAsDouble() {
        return values[Math.floorMod(draws.getAndIncrement(), values.length)];
    }

    /** @return the number of values handed out so far */
    public int draws() {
        return draws.get();
    }
}

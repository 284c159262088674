package org.metlog.config;

/** A class that is not an extension and trips {@link Tripwire} if any of its code ever runs. */
public final class BoobyTrappedClass {
    static {
        Tripwire.TRIPPED.set(true);
    }

    /** Trips the wire too. */
    public BoobyTrappedClass() {
        Tripwire.TRIPPED.set(true);
    }
}

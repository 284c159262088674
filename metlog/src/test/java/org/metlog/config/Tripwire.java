package org.metlog.config;

import java.util.concurrent.atomic.AtomicBoolean;

/** Records whether {@link BoobyTrappedClass}'s static initialiser ever ran. */
public final class Tripwire {
    /** True once the booby-trapped class was initialised. */
    public static final AtomicBoolean TRIPPED = new AtomicBoolean();

    private Tripwire() {
    }
}

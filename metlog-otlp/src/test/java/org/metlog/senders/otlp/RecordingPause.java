package org.metlog.senders.otlp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** A {@link Pause} that records each wait it is asked for, in nanoseconds, and returns at once. */
final class RecordingPause implements Pause {
    private final List<Long> waits = new CopyOnWriteArrayList<>();

    @Override
    public void pause(long nanos, BooleanSupplier stop) {
        waits.add(nanos);
    }

    List<Long> waits() {
        return List.copyOf(waits);
    }
}

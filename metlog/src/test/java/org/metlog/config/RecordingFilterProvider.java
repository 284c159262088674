package org.metlog.config;
import org.metlog.spi.Options;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.metlog.spi.Filter;
import org.metlog.spi.FilterProvider;

/**
 * Test filter provider: the filter appends its {@code label} to {@link #CALLS} ("unlabelled" by default) each time it sees a message and
 * keeps the message unless {@code reject} is true.
 */
public final class RecordingFilterProvider implements FilterProvider {
    /** Labels of the filters in the order they saw messages. */
    public static final List<String> CALLS = new CopyOnWriteArrayList<>();

    /** Creates the provider. */
    public RecordingFilterProvider() {
    }

    @Override
    public Filter create(Options options) {
        String label = options.string("label", "unlabelled");
        boolean reject = options.bool("reject", false);
        return message -> {
            CALLS.add(label);
            return !reject;
        };
    }
}

package org.metlog.filters;
import org.metlog.spi.Filter;
import org.metlog.spi.FilterProvider;

import org.metlog.spi.Options;

/**
 * Provider of {@link Filter#severityMax(int)} (metlog-py's {@code metlog.filters.severity_max_provider}).
 * Option: {@code severity}, required, 0 to 7.
 */
public final class SeverityMaxProvider implements FilterProvider {
    /** Creates the provider. */
    public SeverityMaxProvider() {
    }

    @Override
    public Filter create(Options options) {
        if (!options.has("severity")) {
            throw options.missing("severity", "a severity from 0 to 7");
        }
        return Filter.severityMax(options.integer("severity", 0, 0, 7));
    }
}

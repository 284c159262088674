package org.metlog.spi;

import org.metlog.spi.Options;

/**
 * Builds a {@link Filter} from configuration (metlog-py's filter provider functions). Named in a
 * {@code [<section>_filter_*]} section's {@code provider} option; needs a public no-argument constructor.
 */
@FunctionalInterface
public interface FilterProvider {
    /**
     * Creates the filter.
     *
     * @param options the section's options other than {@code provider}
     * @return the filter
     * @throws org.metlog.spi.ConfigurationException if an option is missing or bad
     */
    Filter create(Options options);
}

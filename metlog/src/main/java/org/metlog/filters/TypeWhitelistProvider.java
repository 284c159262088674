package org.metlog.filters;
import org.metlog.spi.Filter;
import org.metlog.spi.FilterProvider;

import java.util.List;
import org.metlog.spi.Options;

/**
 * Provider of {@link Filter#typeWhitelist} (metlog-py's {@code metlog.filters.type_whitelist_provider}).
 * Option: {@code types}, one type or a list, required.
 */
public final class TypeWhitelistProvider implements FilterProvider {
    /** Creates the provider. */
    public TypeWhitelistProvider() {
    }

    @Override
    public Filter create(Options options) {
        List<String> types = options.strings("types", List.of());
        if (types.isEmpty()) {
            throw options.missing("types", "one message type or a list of them");
        }
        return Filter.typeWhitelist(types);
    }
}

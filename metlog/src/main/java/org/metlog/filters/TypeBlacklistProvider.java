package org.metlog.filters;
import org.metlog.spi.Filter;
import org.metlog.spi.FilterProvider;

import java.util.List;
import org.metlog.spi.Options;

/**
 * Provider of {@link Filter#typeBlacklist} (metlog-py's {@code metlog.filters.type_blacklist_provider}).
 * Option: {@code types}, one type or a list, required.
 */
public final class TypeBlacklistProvider implements FilterProvider {
    /** Creates the provider. */
    public TypeBlacklistProvider() {
    }

    @Override
    public Filter create(Options options) {
        List<String> types = options.strings("types", List.of());
        if (types.isEmpty()) {
            throw options.missing("types", "one message type or a list of them");
        }
        return Filter.typeBlacklist(types);
    }
}

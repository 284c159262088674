package org.metlog.config;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.metlog.message.Message;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.Filter;
import org.metlog.spi.FilterProvider;
import org.metlog.spi.Options;
import org.metlog.spi.Sender;

/**
 * Test components that record the error handler the loader gave them: a sender (option {@code fail}: true to
 * throw from every send) and a filter provider.
 */
public final class HandlerProbe implements Sender {
    /** The handler each component got from its options, in build order. */
    public static final List<ErrorHandler> SEEN = new CopyOnWriteArrayList<>();

    private final boolean fail;

    private HandlerProbe(boolean fail) {
        this.fail = fail;
    }

    /**
     * Builds the sender.
     *
     * @param options option {@code fail}
     * @return the sender
     */
    public static HandlerProbe fromConfig(Options options) {
        SEEN.add(options.errorHandler());
        return new HandlerProbe(options.bool("fail", false));
    }

    @Override
    public void send(Message message) throws Exception {
        if (fail) {
            throw new java.io.IOException("probe refuses " + message.type());
        }
    }

    /** A filter provider that records its handler and passes everything. */
    public static final class Filters implements FilterProvider {
        @Override
        public Filter create(Options options) {
            SEEN.add(options.errorHandler());
            return message -> true;
        }
    }
}

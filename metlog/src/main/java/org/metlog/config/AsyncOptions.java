package org.metlog.config;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.Options;

import java.time.Duration;
import java.util.Locale;
import org.metlog.senders.AsyncSender;
import org.metlog.spi.Sender;

/**
 * The {@code async*} options that any configured sender accepts, read before the sender itself is built, and the
 * wrapping of the built sender in an {@link AsyncSender} they ask for.
 */
final class AsyncOptions {
    static final String ASYNC = "async";
    static final String QUEUE_SIZE = "async_queue_size";
    static final String OVERFLOW = "async_overflow";
    static final String OFFER_TIMEOUT_MS = "async_offer_timeout_ms";
    static final String CLOSE_TIMEOUT_MS = "async_close_timeout_ms";
    static final String SHUTDOWN_HOOK = "async_shutdown_hook";

    private static final int MAX_TIMEOUT_MS = 600_000;

    private final boolean enabled;
    private final int capacity;
    private final AsyncSender.Overflow overflow;
    private final int offerTimeoutMs;
    private final int closeTimeoutMs;
    private final boolean shutdownHook;
    private final ErrorHandler errorHandler;

    private AsyncOptions(Options o) {
        boolean given = o.has(ASYNC);
        this.enabled = o.bool(ASYNC, false);
        this.capacity = o.integer(QUEUE_SIZE, AsyncSender.DEFAULT_CAPACITY, 1, AsyncSender.MAX_CAPACITY);
        String policy = o.string(OVERFLOW, "drop");
        switch (policy.trim().toLowerCase(Locale.ROOT)) {
            case "drop" -> this.overflow = AsyncSender.Overflow.DROP;
            case "wait" -> this.overflow = AsyncSender.Overflow.WAIT;
            default -> throw o.invalid(OVERFLOW, policy, "drop or wait");
        }
        this.offerTimeoutMs = o.integer(OFFER_TIMEOUT_MS, (int) AsyncSender.DEFAULT_OFFER_TIMEOUT.toMillis(), 0,
            MAX_TIMEOUT_MS);
        this.closeTimeoutMs = o.integer(CLOSE_TIMEOUT_MS, (int) AsyncSender.DEFAULT_CLOSE_TIMEOUT.toMillis(), 0,
            MAX_TIMEOUT_MS);
        this.shutdownHook = o.bool(SHUTDOWN_HOOK, true);
        this.errorHandler = o.errorHandler();
        o.checkAllUsed();
        if (!given && !o.keys().isEmpty()) {
            String key = o.keys().iterator().next();
            throw new InvalidOptionException(o.context() + ": option " + o.displayName(key) + " is given but "
                + o.displayName(ASYNC) + " is not; set " + o.displayName(ASYNC) + " = true to deliver asynchronously");
        }
    }

    /**
     * Moves the {@code async*} options out of a sender's options and validates them.
     *
     * @param options the sender's options; the async ones are removed from them
     * @return the validated async settings
     * @throws InvalidOptionException if one is invalid, or tuning options are given without {@code async}
     */
    static AsyncOptions take(Options options) {
        return new AsyncOptions(options.take(ASYNC, QUEUE_SIZE, OVERFLOW, OFFER_TIMEOUT_MS, CLOSE_TIMEOUT_MS,
            SHUTDOWN_HOOK));
    }

    /**
     * Wraps the sender in an {@link AsyncSender} if {@code async} is true.
     *
     * @param sender the built sender
     * @return the sender itself, or an asynchronous sender delivering through it
     */
    Sender wrap(Sender sender) {
        if (!enabled) {
            return sender;
        }
        return AsyncSender.builder(sender)
            .capacity(capacity)
            .overflow(overflow)
            .offerTimeout(Duration.ofMillis(offerTimeoutMs))
            .closeTimeout(Duration.ofMillis(closeTimeoutMs))
            .shutdownHook(shutdownHook)
            .errorHandler(errorHandler)
            .build();
    }
}

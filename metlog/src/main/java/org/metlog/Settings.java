package org.metlog;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.metlog.message.Severity;
import org.metlog.senders.NoSendSender;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.ErrorHandlers;
import org.metlog.spi.Filter;
import org.metlog.spi.Sender;

/**
 * One immutable snapshot of a client's settings: the sender (with the account of what the client hands it), the
 * default logger and severity, the disabled timers, the filters, the statistic-name prefix, the default fields,
 * the configuration JSON, the stats interval and the error handler. A client reads its snapshot once per message, and
 * reconfiguration replaces the whole snapshot atomically (see {@link LiveSettings}), so a message never sees half
 * of two configurations, and its errors go to the handler of the settings it was sent with.
 */
final class Settings {
    /** The interval of {@link ErrorHandlers#stderr()}: at most one line per kind of error every 30 seconds. */
    private static final Duration STANDARD_INTERVAL = Duration.ofSeconds(30);

    final SenderAccount account;
    final Sender sender;
    final String logger;
    final int severity;
    final Set<String> disabledTimers;
    final boolean allTimersDisabled;
    final Filter[] filters;
    final String config;
    final String prefix;
    /** Added to every message the client builds, unless the message sets them. */
    final DefaultFields defaultFields;
    final long statsIntervalNanos;
    /** Where the client reports what it could not deliver. */
    final ErrorHandler errorHandler;
    /** Names the client in its error reports; computed once here so that a failure allocates no text. */
    final String source;
    /** True if statistics may be sent in reused message objects: no filter and a sender that keeps none. */
    final boolean reusesMessages;

    private Settings(SenderAccount account, String logger, int severity, Set<String> disabledTimers,
                     Filter[] filters, String config, String prefix, DefaultFields defaultFields,
                     long statsIntervalNanos, ErrorHandler errorHandler) {
        this.account = account;
        this.sender = account.sender;
        this.logger = logger;
        this.severity = severity;
        this.disabledTimers = disabledTimers;
        this.allTimersDisabled = disabledTimers.contains(MetlogClient.ALL_TIMERS);
        this.filters = filters;
        this.config = config;
        this.prefix = prefix;
        this.defaultFields = defaultFields;
        this.statsIntervalNanos = statsIntervalNanos;
        this.errorHandler = errorHandler;
        this.source = "client '" + logger + "'";
        this.reusesMessages = filters.length == 0 && !keepsMessages(account.sender);
    }

    private static boolean keepsMessages(Sender sender) {
        try {
            return sender.keepsMessages();
        } catch (RuntimeException e) {
            return true; // a sender that cannot say is taken to keep them
        }
    }

    /**
     * Checks and copies settings; a new sender gets a new account. Without a sender the client gets a
     * {@link NoSendSender} reporting to {@code errorHandler}.
     *
     * @throws IllegalArgumentException if the severity is outside 0 to 7
     * @throws NullPointerException     if a filter or the handler is null
     */
    static Settings of(Sender sender, String logger, int severity, Collection<String> disabledTimers,
                       List<Filter> filters, String config, String prefix, DefaultFields defaultFields,
                       long statsIntervalNanos, ErrorHandler errorHandler) {
        Objects.requireNonNull(errorHandler, "errorHandler");
        String name = logger == null ? "" : logger;
        Set<String> timers = disabledTimers == null ? Set.of() : Set.copyOf(disabledTimers);
        Filter[] chain = filters == null ? new Filter[0] : filters.toArray(new Filter[0]);
        for (Filter f : chain) {
            Objects.requireNonNull(f, "filter");
        }
        SenderAccount account = new SenderAccount(sender == null ? new NoSendSender(name, errorHandler) : sender);
        return new Settings(account, name, Severity.check(severity), timers, chain, config,
            prefix == null ? "" : prefix, Objects.requireNonNull(defaultFields, "defaultFields"), statsIntervalNanos,
            errorHandler);
    }

    /**
     * Returns a client's default handler: the standard one ({@link ErrorHandlers#stderr()}), measuring its
     * interval with the client's monotonic clock so that tests can drive it.
     */
    static ErrorHandler defaultErrorHandler(TimeAndChance time) {
        return ErrorHandlers.stderr(STANDARD_INTERVAL, time::nanos);
    }

    /** {@return these settings, counting into {@code previous}'s account, which is for the same sender} */
    Settings continuing(Settings previous) {
        return new Settings(previous.account, logger, severity, disabledTimers, filters, config, prefix,
            defaultFields, statsIntervalNanos, errorHandler);
    }

    /** {@return these settings with the given stats interval (0 for none)} */
    Settings withStatsInterval(long nanos) {
        return new Settings(account, logger, severity, disabledTimers, filters, config, prefix, defaultFields, nanos,
            errorHandler);
    }

    /**
     * {@return the settings of a closed client: these, with a {@link NoSendSender} reporting to this handler as
     * sender and no stats interval}
     */
    Settings closed() {
        return of(new NoSendSender(logger + " (closed)", errorHandler), logger, severity, disabledTimers,
            List.of(filters), config, prefix, defaultFields, 0, errorHandler);
    }

    /** {@return true if timer {@code name} (without the prefix) is disabled, or every timer is} */
    boolean isTimerDisabled(String name) {
        return allTimersDisabled || (!disabledTimers.isEmpty() && disabledTimers.contains(name));
    }
}

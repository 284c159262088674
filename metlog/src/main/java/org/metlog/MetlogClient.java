package org.metlog;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.metlog.internal.HostInfo;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.message.Origin;
import org.metlog.message.Severity;
import org.metlog.senders.NoSendSender;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.ErrorHandlers;
import org.metlog.spi.Filter;
import org.metlog.spi.Sender;

/**
 * The metlog client: builds messages (log lines, counters, timers, gauges, custom types), runs them through its
 * filters and hands them to its sender (metlog-py's {@code MetlogClient}, with pylogd's statistics API).
 *
 * <p>Thread-safe. The settings (sender, default logger and severity, disabled timers, filters, prefix) are one
 * immutable snapshot, replaced atomically by {@link #setup}, so a client can be shared from a {@code static}
 * field before configuration loads and reconfigured in place later.
 *
 * <p>Every sending method (the log methods, counters, timers, gauges, {@code metlog}, {@code sendMessage}) never
 * waits for a lock and never throws because of delivery: a failing filter or sender is counted in {@link #stats()}
 * and reported to the client's {@link ErrorHandler} (by default a throttled line on stderr:
 * {@code Error sending message (...)}). They throw {@link IllegalArgumentException} only for programming errors in
 * their arguments (a null type or name, a severity outside 0..7, a sample rate outside 0..1). A sample rate below
 * 1 sends that fraction of the calls, decided by one draw of the client's random source ({@link Builder#random}).
 * A name is sent with the client's {@link #prefix()} and a dot in front when a prefix is set.
 *
 * <p>This class is a facade: each method delegates to one small package-private class (settings, send path,
 * delivery ledger, statistics, named timers, log text, extension methods); see {@code docs/architecture.md}.
 *
 * <pre>{@code
 * MetlogClient client = MetlogClient.builder().sender(new StdoutSender()).logger("myapp").build();
 * client.incr("logins");
 * try (Timer.Context t = client.timer("db.query").start()) { runQuery(); }
 * client.info("user %s logged in", user);
 * }</pre>
 */
public final class MetlogClient implements AutoCloseable {
    /** Alias of {@link Message#ENV_VERSION}. */
    public static final String ENV_VERSION = Message.ENV_VERSION;
    /** Alias of {@link Message#TYPE_OLDSTYLE}. */
    public static final String TYPE_OLDSTYLE = Message.TYPE_OLDSTYLE;
    /** Alias of {@link Message#TYPE_COUNTER}. */
    public static final String TYPE_COUNTER = Message.TYPE_COUNTER;
    /** Alias of {@link Message#TYPE_TIMER}. */
    public static final String TYPE_TIMER = Message.TYPE_TIMER;
    /** Alias of {@link Message#TYPE_GAUGE}. */
    public static final String TYPE_GAUGE = Message.TYPE_GAUGE;
    /** Alias of {@link Message#TYPE_STATS}, sent every {@link Builder#statsInterval(Duration)} when configured. */
    public static final String TYPE_STATS = Message.TYPE_STATS;
    /** Disabled-timers entry that disables every timer. */
    public static final String ALL_TIMERS = "*";

    private final DeliveryLedger ledger;
    private final LiveSettings settings;
    private final SendPath path;
    private final Statistics statistics;
    private final TimerCache timers;
    private final Stopwatches stopwatches;
    private final ExtensionRegistry methods = new ExtensionRegistry();

    private MetlogClient(Builder b) {
        TimeAndChance time = new TimeAndChance(b.clock, b.nanoClock, b.random);
        Settings initial = b.settings(b.errorHandler != null ? b.errorHandler : Settings.defaultErrorHandler(time));
        var origin = Origin.of(ENV_VERSION, b.pid, b.hostname != null ? b.hostname : HostInfo.hostname());
        this.ledger = new DeliveryLedger(initial.account, origin);
        this.settings = new LiveSettings(initial, ledger,
            () -> metlog(TYPE_STATS, null, null, "", StatsEmitter.fields(deliveryStats())));
        this.path = new SendPath(origin, time, ledger, settings::current);
        this.statistics = new Statistics(settings, path, time);
        this.timers = new TimerCache(statistics);
        this.stopwatches = new Stopwatches(statistics);
        settings.start();
    }

    /** Creates a client with default settings: severity 6, no disabled timers, no filters.
     * @param sender the sender; null means a {@link NoSendSender}
     * @param logger the default logger name; null means "" */
    public MetlogClient(Sender sender, String logger) { this(builder().sender(sender).logger(logger)); }
    /** {@return a builder with metlog-py's defaults: no sender, logger "", severity 6} */
    public static Builder builder() { return new Builder(); }

    /** Reconfigures this client in place (metlog-py's {@code setup}): threads see the new settings at their next
     * message, and a previous sender that is not the new one is closed. Clears the prefix, default fields and
     * configuration JSON, keeps the stats interval and the error handler. Waits only for another reconfiguration,
     * never for the send path.
     * @param sender         the new sender; null means a {@link NoSendSender}
     * @param logger         the default logger; null means ""
     * @param severity       the default severity, 0 to 7
     * @param disabledTimers names of timers that send nothing ({@value #ALL_TIMERS} disables all); may be null
     * @param filters        filters, applied in order; may be null
     * @throws IllegalArgumentException if the severity is outside 0 to 7 (the settings are then unchanged) */
    public void setup(Sender sender, String logger, int severity, Collection<String> disabledTimers,
                      List<Filter> filters) {
        Settings now = settings.current();
        settings.replace(Settings.of(sender, logger, severity, disabledTimers, filters, null, "", DefaultFields.NONE,
            now.statsIntervalNanos, now.errorHandler));
    }

    /** {@return the current sender} */
    public Sender sender() { return settings.current().sender; }
    /** {@return the prefix of counter, timer and gauge names ("" for none)} */
    public String prefix() { return settings.current().prefix; }
    /** {@return the default logger name} */
    public String logger() { return settings.current().logger; }
    /** {@return the default severity} */
    public int severity() { return settings.current().severity; }
    /** {@return the disabled timer names, unmodifiable} */
    public Set<String> disabledTimers() { return settings.current().disabledTimers; }
    /** {@return the filters in order, unmodifiable} */
    public List<Filter> filters() { return List.of(settings.current().filters); }
    /** Returns the configuration this client was last configured from (metlog-py's {@code client._config}).
     * @return the JSON, or null if the client was set up in code */
    public String config() { return settings.current().config; }
    /** Returns whether the client can deliver messages (metlog-py's {@code is_active}).
     * @return false while the sender is the {@link NoSendSender} placeholder */
    public boolean isActive() { return !(settings.current().sender instanceof NoSendSender); }
    /** Returns whether a timer of this name is disabled now.
     * @param name a timer name, without the prefix
     * @return true if the name, or {@value #ALL_TIMERS}, is among the disabled timers */
    public boolean isTimerDisabled(String name) { return settings.current().isTimerDisabled(name); }
    /** Returns the client's own delivery counters over its whole life (all senders it has had): messages handed to
     * a sender that took them without throwing ({@code sent}), dropped by a filter ({@code filtered}), and failed
     * because a filter or the sender threw or they could not be built ({@code failed}). What became of them inside
     * the sender is in {@link #deliveryStats()}.
     * @return a snapshot; every message the client created is in exactly one counter */
    public DeliveryStats stats() { return ledger.stats(); }
    /** Returns the end-to-end counters of every message this client created, over its whole life: its own
     * {@code filtered} and failures plus what its senders counted ({@link Sender#deliveryStats()}, which wrappers
     * such as {@link org.metlog.senders.AsyncSender} combine with their delegates'; a sender that does not count is
     * described by what the client handed it). Once every queue is drained ({@link #flush()}, {@link #close()}),
     * {@code total()} is the number of messages created, if each sender counts each message exactly once, also
     * for messages other threads send while the sender is replaced.
     * @return a snapshot */
    public DeliveryStats deliveryStats() { return ledger.deliveryStats(); }

    // ---------------------------------------------------------------- generic messages

    /** Sends a message with the defaults: client logger and severity, empty payload, no fields.
     * @param type the message type */
    public void metlog(String type) { metlog(type, null, null, "", null); }
    /** Sends a message with a payload.
     * @param type    the message type
     * @param payload the payload; null means "" */
    public void metlog(String type, String payload) { metlog(type, null, null, payload, null); }
    /** Sends a message with a payload and fields.
     * @param type    the message type
     * @param payload the payload; null means ""
     * @param fields  extra fields, copied; may be null */
    public void metlog(String type, String payload, Map<String, ?> fields) {
        metlog(type, null, null, payload, fields);
    }

    /** Creates one message and passes it through the filters to the sender (metlog-py's {@code metlog}).
     * @param type     the message type, not null
     * @param logger   the logger; null means the client's default
     * @param severity 0 to 7; null means the client's default
     * @param payload  the payload; null means ""
     * @param fields   extra fields, copied; may be null
     * @throws IllegalArgumentException if the type is null or the severity is outside 0 to 7 */
    public void metlog(String type, String logger, Integer severity, String payload, Map<String, ?> fields) {
        path.sendNew(settings.current(), type, logger, severity, payload, fields);
    }

    /** Runs the filters over a message and, if all keep it, hands it to the sender (metlog-py's
     * {@code send_message}). Never throws: a failing filter or sender is counted and reported.
     * @param message the message */
    public void sendMessage(Message message) { path.send(settings.current(), message); }

    // ---------------------------------------------------------------- counters and statistics

    /** Increments counter {@code name} by one.
     * @param name the counter name, not null */
    public void incr(String name) { statistics.counter(name, 1, 1.0, null, null, null); }
    /** Changes counter {@code name} by {@code count}.
     * @param name  the counter name, not null
     * @param count the amount; may be negative */
    public void incr(String name, long count) { statistics.counter(name, count, 1.0, null, null, null); }
    /** Changes counter {@code name} by {@code count}, sending only a {@code rate} fraction of the calls.
     * @param name  the counter name, not null
     * @param count the amount
     * @param rate  sample rate, 0 to 1; the receiver scales by {@code 1/rate} */
    public void incr(String name, long count, double rate) { statistics.counter(name, count, rate, null, null, null); }
    /** Sends a {@code counter} message (metlog-py's {@code incr}): payload the count, fields {@code name} and
     * {@code rate} and the caller's fields; a rate below 1 sends only that fraction of the calls.
     * @param name     the counter name, not null
     * @param count    the amount
     * @param rate     sample rate, 0 to 1
     * @param logger   the logger; null means the client's default
     * @param severity 0 to 7; null means the client's default
     * @param fields   extra fields, copied; may be null
     * @throws IllegalArgumentException if the name is null or the rate is outside 0 to 1 */
    public void incr(String name, long count, double rate, String logger, Integer severity, Map<String, ?> fields) {
        statistics.counter(name, count, rate, logger, severity, fields);
    }

    /** Sends one statistic ({@code counter}, {@code timer}, {@code gauge} or a custom type): payload
     * {@code value}, fields {@code name} and {@code rate}. It always sends, like {@link #timerSend}: the rate is
     * the fraction the caller sampled, information for the receiver.
     * @param type     the message type
     * @param name     the statistic's name, not null
     * @param value    the payload
     * @param rate     the sample rate the caller applied, 0 to 1
     * @param logger   the logger; null means the client's default
     * @param severity 0 to 7; null means the client's default
     * @param fields   extra fields, copied; may be null
     * @throws IllegalArgumentException if the name is null or the rate is outside 0 to 1 */
    public void sendStat(String type, String name, String value, double rate, String logger, Integer severity,
                         Map<String, ?> fields) {
        statistics.send(type, name, value, rate, logger, severity, fields);
    }

    // ---------------------------------------------------------------- timers

    /** Returns the timer of this name with rate 1 and the client's defaults: the same object for the same name,
     * so calling this on a hot path allocates nothing.
     * @param name the timer name, not null
     * @return the timer */
    public Timer timer(String name) { return timers.get(name); }
    /** Returns a new timer that times only a {@code rate} fraction of its timings.
     * @param name the timer name, not null
     * @param rate sample rate, 0 to 1
     * @return the timer
     * @throws IllegalArgumentException if the rate is outside 0 to 1 */
    public Timer timer(String name, double rate) { return timer(name, rate, null, null, null); }
    /** Returns a new timer (metlog-py's {@code timer}).
     * @param name     the timer name, not null
     * @param rate     sample rate, 0 to 1; enforced at each {@link Timer#start()}
     * @param logger   the logger; null means the client's default
     * @param severity 0 to 7; null means the client's default
     * @param fields   extra fields, copied; may be null
     * @return the timer
     * @throws IllegalArgumentException if the rate is outside 0 to 1 */
    public Timer timer(String name, double rate, String logger, Integer severity, Map<String, ?> fields) {
        return timers.create(name, rate, logger, severity, fields);
    }

    /** Sends a timer message for an already measured duration.
     * @param name      the timer name
     * @param elapsedMs elapsed milliseconds */
    public void timerSend(String name, long elapsedMs) { statistics.timer(name, elapsedMs, 1.0, null, null, null); }
    /** Sends a timer message for an already measured duration; the rate is sent as information only.
     * @param name      the timer name
     * @param elapsedMs elapsed milliseconds
     * @param rate      the sample rate the caller applied, 0 to 1 */
    public void timerSend(String name, long elapsedMs, double rate) {
        statistics.timer(name, elapsedMs, rate, null, null, null);
    }

    /** Sends a {@code timer} message (metlog-py's {@code timer_send}): payload the elapsed milliseconds, fields
     * {@code name} and {@code rate}. It neither samples nor checks the disabled timers: it always sends.
     * @param name      the timer name, not null
     * @param elapsedMs elapsed milliseconds
     * @param rate      the sample rate the caller applied, 0 to 1
     * @param logger    the logger; null means the client's default
     * @param severity  0 to 7; null means the client's default
     * @param fields    extra fields, copied; may be null */
    public void timerSend(String name, long elapsedMs, double rate, String logger, Integer severity,
                          Map<String, ?> fields) {
        statistics.timer(name, elapsedMs, rate, logger, severity, fields);
    }

    // ---------------------------------------------------------------- log-style messages

    /** Sends an {@code oldstyle} message at DEBUG (7); see {@link #log(int, String, Object...)}.
     * @param msg  the message, a Python-style format if arguments are given
     * @param args format arguments; a trailing Throwable appends its stack trace */
    public void debug(String msg, Object... args) { log(Severity.DEBUG, msg, args); }
    /** Sends an {@code oldstyle} message at INFORMATIONAL (6); see {@link #log(int, String, Object...)}.
     * @param msg  the message, a Python-style format if arguments are given
     * @param args format arguments; a trailing Throwable appends its stack trace */
    public void info(String msg, Object... args) { log(Severity.INFORMATIONAL, msg, args); }
    /** Sends an {@code oldstyle} message at WARNING (4); see {@link #log(int, String, Object...)}.
     * @param msg  the message, a Python-style format if arguments are given
     * @param args format arguments; a trailing Throwable appends its stack trace */
    public void warn(String msg, Object... args) { log(Severity.WARNING, msg, args); }
    /** Sends an {@code oldstyle} message at ERROR (3); see {@link #log(int, String, Object...)}.
     * @param msg  the message, a Python-style format if arguments are given
     * @param args format arguments; a trailing Throwable appends its stack trace */
    public void error(String msg, Object... args) { log(Severity.ERROR, msg, args); }
    /** Sends an {@code oldstyle} message at CRITICAL (2); see {@link #log(int, String, Object...)}.
     * @param msg  the message, a Python-style format if arguments are given
     * @param args format arguments; a trailing Throwable appends its stack trace */
    public void critical(String msg, Object... args) { log(Severity.CRITICAL, msg, args); }
    /** Sends an {@code oldstyle} message at ALERT (1) for an exception (metlog-py's {@code exception}): pass the
     * Throwable as the last argument and its stack trace is appended.
     * @param msg  the message, a Python-style format if arguments are given
     * @param args format arguments, ending with the Throwable */
    public void exception(String msg, Object... args) { log(Severity.ALERT, msg, args); }
    /** Sends an {@code oldstyle} message. With arguments, {@code msg} is formatted like Python's {@code msg % args}
     * ({@code %s}, {@code %d}, {@code %r}, {@code %.2f}..., or {@code %(key)s} with one Map argument); without,
     * it is sent as is (a lone {@code %} is safe). A trailing Throwable argument appends its stack trace.
     * Arguments that do not fit the format never throw: they are appended to the unformatted text instead.
     * @param severity 0 to 7
     * @param msg      the message or format; null means ""
     * @param args     format arguments, optionally ending with a Throwable
     * @throws IllegalArgumentException if the severity is outside 0 to 7 */
    public void log(int severity, String msg, Object... args) {
        Severity.check(severity);
        path.sendNew(settings.current(), TYPE_OLDSTYLE, null, severity, LogText.of(msg, args), null);
    }

    /** Returns a Throwable's stack trace as Java prints it, with causes and suppressed exceptions.
     * @param error the throwable
     * @return the trace, without a trailing newline */
    public static String stackTrace(Throwable error) { return LogText.stackTrace(error); }

    // ---------------------------------------------------------------- extension methods

    /** Binds an extension method under {@code name} (metlog-py's {@code add_method}).
     * @param name   the method name
     * @param method the method
     * @throws IllegalArgumentException if the name is already bound, or is a built-in method of this class */
    public void addMethod(String name, ExtensionMethod method) { methods.add(name, method, false); }
    /** Binds an extension method under {@code name}.
     * @param name     the method name
     * @param method   the method
     * @param override true to replace a method already bound under this name
     * @throws IllegalArgumentException if the name is bound and {@code override} is false, or if the name is a
     *                                  built-in method of this class (those cannot be replaced) */
    public void addMethod(String name, ExtensionMethod method, boolean override) {
        methods.add(name, method, override);
    }

    /** Unbinds an extension method.
     * @param name the method name
     * @return true if one was bound */
    public boolean removeMethod(String name) { return methods.remove(name); }
    /** Returns whether an extension method is bound under {@code name}.
     * @param name the method name
     * @return true if bound */
    public boolean hasMethod(String name) { return methods.has(name); }
    /** {@return the names of the bound extension methods, sorted} */
    public Set<String> methodNames() { return methods.names(); }
    /** Calls an extension method; whatever it throws reaches the caller unchanged.
     * @param name the method name
     * @param args its arguments
     * @return its result
     * @throws MethodNotFoundException if no method is bound under {@code name} */
    public Object call(String name, Object... args) {
        return methods.call(settings.current().logger, name, args);
    }

    /** Returns whether {@code name} is one of this class's own public instance methods, which an extension method
     * may not take (Java cannot replace them, so binding one would only hide it behind {@link #call}).
     * @param name a candidate extension method name
     * @return true if {@code name} is reserved */
    public static boolean isBuiltInMethod(String name) { return ExtensionRegistry.RESERVED.contains(name); }

    // ---------------------------------------------------------------- lifecycle

    /** Asks the sender to deliver anything it buffers, and the error handler to report what it held back. Blocks
     * as long as the sender's flush does; never throws (a failing flush is reported to the error handler). */
    public void flush() { path.flush(settings.current()); }
    /** Flushes and closes the sender and stops the stats thread; later messages are dropped and counted (the
     * client is left with a {@link NoSendSender}). Closing again does nothing more. Never throws. */
    @Override
    public void close() { settings.close(path); }

    /** {@return true while the {@code metlog-stats} thread of this client runs; for tests} */
    boolean isEmittingStats() { return settings.isEmittingStats(); }

    // ---------------------------------------------------------------- pylogd's statistics conveniences
    // Named timers and accumulators keep their state per thread: start and stop a name on the same thread.

    /** Decrements counter {@code name} by one (pylogd's {@code decrement}): a counter with payload {@code -1}.
     * @param name the counter name, not null
     * @throws IllegalArgumentException if the name is null */
    public void decr(String name) { statistics.counter(name, -1L, 1.0, null, null, null); }
    /** Decrements counter {@code name} by {@code count}: the same as {@code incr(name, -count)}.
     * @param name  the counter name, not null
     * @param count the amount to subtract
     * @throws IllegalArgumentException if the name is null or the count is {@link Long#MIN_VALUE} */
    public void decr(String name, long count) {
        statistics.counter(name, Statistics.negate(count), 1.0, null, null, null);
    }

    /** Decrements counter {@code name} by {@code count} for a {@code rate} fraction of the calls (pylogd's
     * {@code decrement(key, sample_rate)} is {@code decr(name, 1, rate)}).
     * @param name  the counter name, not null
     * @param count the amount to subtract
     * @param rate  sample rate, 0 to 1; the receiver scales by {@code 1/rate}
     * @throws IllegalArgumentException if the name is null, the count is {@link Long#MIN_VALUE} or the rate is
     *                                  outside 0 to 1 */
    public void decr(String name, long count, double rate) {
        statistics.counter(name, Statistics.negate(count), rate, null, null, null);
    }

    /** Sets gauge {@code name} to {@code value} (pylogd's meter {@code set}): a {@value #TYPE_GAUGE} message with
     * the value in decimal as payload and fields {@code name} and {@code rate}.
     * @param name  the gauge name, not null
     * @param value the current value
     * @throws IllegalArgumentException if the name is null */
    public void gauge(String name, long value) { statistics.gauge(name, value, 1.0); }
    /** Sets gauge {@code name} to {@code value} for a {@code rate} fraction of the calls.
     * @param name  the gauge name, not null
     * @param value the current value
     * @param rate  sample rate, 0 to 1
     * @throws IllegalArgumentException if the name is null or the rate is outside 0 to 1 */
    public void gauge(String name, long value, double rate) { statistics.gauge(name, value, rate); }
    /** Sets gauge {@code name} to a decimal value: the shortest decimal that reads back as the same double, whole
     * numbers without {@code .0} ({@code 30.0} sends {@code "30"}); magnitudes from 2<sup>53</sup> and tiny
     * fractions may use exponent notation ({@code "1.0E21"}), which statsd, logd and Python all read.
     * @param name  the gauge name, not null
     * @param value the current value; NaN and infinities are not sent (counted as failed and reported)
     * @throws IllegalArgumentException if the name is null */
    public void gauge(String name, double value) { statistics.gauge(name, value, 1.0); }
    /** Sets gauge {@code name} to a decimal value, formatted as in {@link #gauge(String, double)}, for a
     * {@code rate} fraction of the calls.
     * @param name  the gauge name, not null
     * @param value the current value; NaN and infinities are not sent (counted as failed and reported)
     * @param rate  sample rate, 0 to 1
     * @throws IllegalArgumentException if the name is null or the rate is outside 0 to 1 */
    public void gauge(String name, double value, double rate) { statistics.gauge(name, value, rate); }
    /** Starts named timer {@code name} for the calling thread (pylogd's {@code timer.start}); starting it again
     * restarts it. The matching {@link #stopTimer(String)} must run on the same thread. A disabled timer records
     * nothing.
     * @param name the timer name, not null
     * @throws IllegalArgumentException if the name is null */
    public void startTimer(String name) { stopwatches.startTimer(name, 1.0); }
    /** Starts named timer {@code name} for a {@code rate} fraction of its starts; a sampled-out start reads no
     * clock and its stop sends nothing.
     * @param name the timer name, not null
     * @param rate sample rate, 0 to 1, sent in the timer message's {@code rate} field
     * @throws IllegalArgumentException if the name is null or the rate is outside 0 to 1 */
    public void startTimer(String name, double rate) { stopwatches.startTimer(name, rate); }
    /** Stops named timer {@code name} of the calling thread and sends a {@code timer} message with the elapsed
     * whole milliseconds and the rate given at start (pylogd's {@code timer.stop}). Does nothing if this thread
     * has no such timer running, or if the name was disabled meanwhile. Never throws.
     * @param name the timer name */
    public void stopTimer(String name) { stopwatches.stopTimer(name); }
    /** Starts (or restarts) a section of accumulator {@code name} for the calling thread (pylogd's
     * {@code timer.start_accumulator}): the time of its sections is added up and sent as one timer when flushed.
     * A disabled name records nothing.
     * @param name the accumulator name, not null; sent as a {@code timer}
     * @throws IllegalArgumentException if the name is null */
    public void startAccumulator(String name) { stopwatches.startAccumulator(name, 1.0); }
    /** Starts a section of accumulator {@code name}; only a {@code rate} fraction of its flushes send. The rate
     * of the first start after a flush applies until the next flush.
     * @param name the accumulator name, not null
     * @param rate sample rate, 0 to 1
     * @throws IllegalArgumentException if the name is null or the rate is outside 0 to 1 */
    public void startAccumulator(String name, double rate) { stopwatches.startAccumulator(name, rate); }
    /** Ends the running section of accumulator {@code name} of the calling thread and adds its time to the total
     * (pylogd's {@code timer.stop_accumulator}). Sends nothing; does nothing if no section runs. Never throws.
     * @param name the accumulator name */
    public void stopAccumulator(String name) { stopwatches.stopAccumulator(name); }
    /** Sends the calling thread's total of accumulator {@code name} as one {@code timer} message (whole
     * milliseconds of the summed nanoseconds) and resets it (pylogd's {@code timer.flush_accumulator}). A running
     * section counts towards the next flush. Sends nothing if no section was completed since the last flush, if
     * the name is disabled, or if the flush is sampled out. Never throws.
     * @param name the accumulator name */
    public void flushAccumulator(String name) { stopwatches.flushAccumulator(name); }
    /** Flushes every accumulator of the calling thread, in the order they were first started (pylogd's
     * {@code timer.flush}), as {@link #flushAccumulator(String)} does. Never throws. */
    public void flushAccumulators() { stopwatches.flushAccumulators(); }

    // ---------------------------------------------------------------- builder

    /**
     * Builds a {@link MetlogClient}, or reconfigures an existing one with {@link #configure(MetlogClient)}.
     * Defaults: a {@link NoSendSender}, logger "", severity 6 (informational), no disabled timers, no filters, no
     * prefix, no stats interval, the system UTC clock, {@link System#nanoTime()}, {@link
     * java.util.concurrent.ThreadLocalRandom} and a new {@link ErrorHandlers#stderr()} timed by the client's
     * {@link #nanoClock}. Not thread-safe.
     */
    public static final class Builder {
        private Sender sender;
        private String logger = "";
        private int severity = Severity.INFORMATIONAL;
        private Collection<String> disabledTimers = List.of();
        private List<Filter> filters = List.of();
        private String config;
        private String prefix = "";
        private DefaultFields fields = DefaultFields.NONE;
        private long statsIntervalNanos;
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoClock;
        private DoubleSupplier random;
        private long pid = HostInfo.pid();
        private String hostname;
        private ErrorHandler errorHandler;

        private Builder() {
        }

        /** Sets where the client reports what it could not deliver (a filter or the sender threw, a gauge was not
         * finite, a flush or close failed, it has no sender). {@link #configure} gives it to the client, which
         * reports to it from then on; without one, {@code configure} keeps the client's handler.
         * @param handler the handler
         * @return this builder */
        public Builder errorHandler(ErrorHandler handler) {
            this.errorHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** Makes the client send its {@link MetlogClient#deliveryStats()} (cumulative) every {@code interval} as a
         * {@value MetlogClient#TYPE_STATS} message through its filters and sender, from one daemon thread named
         * {@code metlog-stats} that stops when the client is closed or reconfigured without it. Default: off.
         * @param interval the interval, at least 1 ms; null or zero for none
         * @return this builder
         * @throws IllegalArgumentException if negative or below 1 ms */
        public Builder statsInterval(Duration interval) {
            if (interval != null && !interval.isZero() && interval.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("stats interval " + interval + " is out of range: expected at"
                    + " least 1 ms, or zero for none");
            }
            this.statsIntervalNanos = interval == null ? 0 : interval.toNanos();
            return this;
        }
        /** @param sender the sender; null (the default) means a {@link NoSendSender}, which drops and counts all
         * @return this builder */
        public Builder sender(Sender sender) { this.sender = sender; return this; }
        /** @param logger the default logger name of messages; null or "" (the default) for none
         * @return this builder */
        public Builder logger(String logger) { this.logger = logger; return this; }
        /** @param severity the default severity of messages, 0 to 7; default 6 (informational)
         * @return this builder
         * @throws IllegalArgumentException if the severity is outside 0 to 7 */
        public Builder severity(int severity) { this.severity = Severity.check(severity); return this; }
        /** @param names timers that measure and send nothing, copied ({@value #ALL_TIMERS} for all); default none
         * @return this builder */
        public Builder disabledTimers(Collection<String> names) { disabledTimers = List.copyOf(names); return this; }
        /** Sets fields added to every message the client builds (not a ready one given to {@code sendMessage}) that
         * does not set a field of that name itself.
         * @param fields names to values, copied in order; null or empty (the default) for none
         * @return this builder
         * @throws IllegalArgumentException if a name is null, empty, {@code name} or {@code rate}, or a value null */
        public Builder defaultFields(Map<String, ?> fields) { this.fields = DefaultFields.of(fields); return this; }
        /** @param filters the filters applied in order to every message, copied; default none
         * @return this builder */
        public Builder filters(List<Filter> filters) { this.filters = List.copyOf(filters); return this; }
        /** @param prefix prepended with a {@code .} to counter, timer and gauge names; null or "" for none
         * @return this builder */
        public Builder prefix(String prefix) { this.prefix = prefix == null ? "" : prefix; return this; }
        /** Records the JSON of the configuration the client is built from, returned by {@link #config()}. For
         * configuration loaders.
         * @param json the configuration as JSON
         * @return this builder */
        public Builder configJson(String json) { this.config = json; return this; }
        /** Sets the clock that stamps messages (microsecond precision is kept). For tests.
         * @param clock the clock
         * @return this builder */
        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock, "clock"); return this; }
        /** Sets the monotonic clock that timers, named timers and accumulators measure with. For tests.
         * @param nanoClock nanoseconds, only differences matter; default {@link System#nanoTime()}
         * @return this builder */
        public Builder nanoClock(LongSupplier nanoClock) {
            this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
            return this;
        }

        /** Sets the random source of every sampling decision: a call with rate {@code r} below 1 draws one value
         * and sends if it is below {@code r}. For tests. Must be thread-safe if the client is shared.
         * @param random values in [0, 1); default {@link java.util.concurrent.ThreadLocalRandom#nextDouble()}
         * @return this builder */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Overrides the process id and host name sent in every envelope. For tests.
         * @param pid      the process id
         * @param hostname the host name
         * @return this builder */
        public Builder origin(long pid, String hostname) {
            this.pid = pid;
            this.hostname = Objects.requireNonNull(hostname, "hostname");
            return this;
        }

        /** {@return a new client (its {@code metlog-stats} thread running if a stats interval is set)} */
        public MetlogClient build() { return new MetlogClient(this); }
        /** Applies these settings to an existing client in place, as {@link MetlogClient#setup} does; the client
         * keeps its clocks, random source and origin, and its error handler unless one is set here.
         * @param client the client to reconfigure
         * @return the same client */
        public MetlogClient configure(MetlogClient client) {
            client.settings.replace(settings(errorHandler != null ? errorHandler
                : client.settings.current().errorHandler));
            return client;
        }

        private Settings settings(ErrorHandler handler) {
            return Settings.of(sender, logger, severity, disabledTimers, filters, config, prefix, fields,
                statsIntervalNanos, handler);
        }
    }
}

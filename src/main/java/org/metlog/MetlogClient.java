package org.metlog;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.message.Severity;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import org.metlog.spi.Filter;
import org.metlog.internal.Decimal;
import org.metlog.spi.DeliveryCounters;
import org.metlog.internal.Diagnostics;
import org.metlog.message.EnvelopeJson;
import org.metlog.internal.HostInfo;
import org.metlog.internal.PercentFormat;
import org.metlog.senders.NoSendSender;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.Sender;

/**
 * The metlog client: builds messages (log lines, counters, timers, custom types), runs them through its
 * filters and hands them to its sender (metlog-py's {@code MetlogClient}).
 *
 * <p>Thread-safe. The settings (sender, default logger and severity, disabled timers, filters) are one
 * immutable snapshot, replaced atomically by {@link #setup}, so a client can be shared from a {@code static}
 * field before configuration loads and reconfigured in place later.
 *
 * <p>The sending methods never throw because of delivery: a failing filter or sender is reported on stderr
 * ({@code Error sending message (...)}) and counted in {@link #stats()}. They throw
 * {@link IllegalArgumentException} only for programming errors in their arguments (a null type or name, a
 * severity outside 0..7, a rate outside 0..1).
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
    /** Disabled-timers entry that disables every timer. */
    public static final String ALL_TIMERS = "*";
    /** Alias of {@link Message#TYPE_STATS}, sent every {@link Builder#statsInterval(Duration)} when configured. */
    public static final String TYPE_STATS = Message.TYPE_STATS;

    private static final int TIMER_CACHE_LIMIT = 10_000;
    private static final Set<String> BUILT_IN_METHODS = builtInMethodNames();

    private volatile State state;
    private final ConcurrentMap<String, ExtensionMethod> methods = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();
    /** The client's own counters: {@code filtered}, and {@code failed} for filters that threw. */
    private final DeliveryCounters counters = new DeliveryCounters();
    private final Clock clock;
    private final boolean systemClock;
    private final Message.Origin origin;
    private final ErrorHandler errorHandler;
    /** Guarded by {@code this}. */
    private StatsEmitter statsEmitter;

    private MetlogClient(State state, Clock clock, long pid, String hostname, ErrorHandler errorHandler) {
        this.state = state;
        this.errorHandler = errorHandler != null ? errorHandler : ErrorHandler.stderr();
        this.clock = clock;
        this.systemClock = clock.equals(Clock.systemUTC());
        this.origin = Message.Origin.of(ENV_VERSION, pid, hostname);
    }

    /**
     * Creates a client with default settings: severity 6, no disabled timers, no filters.
     *
     * @param sender the sender; null means a {@link NoSendSender}
     * @param logger the default logger name; null means ""
     */
    public MetlogClient(Sender sender, String logger) {
        this(State.of(sender, logger, Severity.INFORMATIONAL, List.of(), List.of(), null), Clock.systemUTC(),
            HostInfo.pid(), HostInfo.hostname(), null);
    }

    /** @return a builder with metlog-py's defaults: no sender, logger "", severity 6 */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- settings

    /**
     * Reconfigures this client in place (metlog-py's {@code setup}); threads using it see the new settings at
     * their next message. A previous sender that is not the new one is closed.
     *
     * @param sender         the new sender; null means a {@link NoSendSender}
     * @param logger         the default logger; null means ""
     * @param severity       the default severity, 0 to 7
     * @param disabledTimers names of timers that send nothing ({@value #ALL_TIMERS} disables all); may be null
     * @param filters        filters, applied in order; may be null
     * @throws IllegalArgumentException if the severity is outside 0 to 7
     */
    public void setup(Sender sender, String logger, int severity, Collection<String> disabledTimers,
                      List<Filter> filters) {
        replaceState(State.of(sender, logger, severity, disabledTimers, filters, null)
            .withStatsInterval(state.statsIntervalNanos));
    }

    /**
     * Installs new settings. A sender that is replaced is closed, and its final counts are kept in the history of
     * the new state so that the counters cover the client's whole life. Serialized on {@code this}; the send
     * path never takes the lock.
     */
    private void replaceState(State requested) {
        synchronized (this) {
            State previous = state;
            if (previous.sender == requested.sender) {
                state = requested.continuing(previous);
                updateStatsEmitter(state);
                return;
            }
            State next = requested.following(previous);
            state = next; // new messages go to the new sender while the previous one is closed
            updateStatsEmitter(next);
            try {
                closeQuietly(previous.sender);
            } finally {
                state = next.settled(); // the previous sender's counts are final now
            }
        }
    }

    private void updateStatsEmitter(State s) {
        StatsEmitter running = statsEmitter;
        if (running != null && running.intervalNanos() == s.statsIntervalNanos) {
            return;
        }
        if (running != null) {
            running.stop();
            statsEmitter = null;
        }
        if (s.statsIntervalNanos > 0) {
            statsEmitter = StatsEmitter.start(this, s.statsIntervalNanos);
        }
    }

    /** @return the current sender */
    public Sender sender() {
        return state.sender;
    }

    /** @return the prefix of counter, timer and gauge names ("" for none) */
    public String prefix() {
        return state.prefix;
    }

    /** @return the default logger name */
    public String logger() {
        return state.logger;
    }

    /** @return the default severity */
    public int severity() {
        return state.severity;
    }

    /** @return the disabled timer names, unmodifiable */
    public Set<String> disabledTimers() {
        return state.disabledTimers;
    }

    /** @return the filters in order, unmodifiable */
    public List<Filter> filters() {
        return List.of(state.filters);
    }

    /**
     * Returns the JSON of the configuration this client was last configured from (metlog-py's
     * {@code client._config}), for debugging.
     *
     * @return the JSON, or null if the client was set up in code
     */
    public String config() {
        return state.config;
    }

    /**
     * Returns whether the client can deliver messages (metlog-py's {@code is_active}).
     *
     * @return false while the sender is the {@link NoSendSender} placeholder
     */
    public boolean isActive() {
        return !(state.sender instanceof NoSendSender);
    }

    /**
     * Returns whether a timer of this name is disabled now.
     *
     * @param name a timer name
     * @return true if the name, or {@value #ALL_TIMERS}, is among the disabled timers
     */
    public boolean isTimerDisabled(String name) {
        State s = state;
        return s.allTimersDisabled || (!s.disabledTimers.isEmpty() && s.disabledTimers.contains(name));
    }

    /**
     * Returns the client's own delivery counters, over its whole life (all senders it has had): messages handed
     * to a sender that took them without throwing ({@code sent}), dropped by a filter ({@code filtered}), and
     * failed because a filter or the sender threw ({@code failed}). What became of the messages inside the
     * sender is in {@link #deliveryStats()}.
     *
     * @return a snapshot; every message the client created is in exactly one counter
     */
    public DeliveryStats stats() {
        State s = state;
        long handed = s.history.handed() + s.tally.handed.sum();
        long threw = s.history.threw() + s.tally.threw.sum();
        if (s.closing != null) {
            handed += s.closing.tally.handed.sum();
            threw += s.closing.tally.threw.sum();
        }
        DeliveryStats own = counters.snapshot();
        return new DeliveryStats(handed, own.filtered(), 0, 0, own.failed() + threw);
    }

    /**
     * Returns the end-to-end counters of every message this client created, over its whole life: {@code filtered}
     * and filter failures counted by the client, then what its senders counted: {@code sent} (delivered, as far
     * as the sender can tell), {@code droppedQueueFull}, {@code droppedTooLarge} and {@code failed} (including
     * messages for which the sender threw). For an {@link org.metlog.senders.AsyncSender} the queue's drops are
     * added to its delegate's counters. A sender that does not count ({@code stats()} returns
     * {@link DeliveryStats#EMPTY}) is described by what the client handed it.
     *
     * <p>Once every queue is drained (after {@link #flush()} or {@link #close()}), {@code total()} equals the
     * number of messages the client created, provided each sender counts every message given to it exactly once
     * (see {@link Sender}); messages racing with a change of sender may be missed.
     *
     * @return a snapshot
     */
    public DeliveryStats deliveryStats() {
        State s = state;
        DeliveryStats senders = s.history.view().plus(s.tally.view(s.sender));
        if (s.closing != null) {
            senders = senders.plus(s.closing.tally.view(s.closing.sender));
        }
        DeliveryStats own = counters.snapshot();
        return new DeliveryStats(senders.sent(), own.filtered(), senders.droppedQueueFull(),
            senders.droppedTooLarge(), own.failed() + senders.failed());
    }

    /** Sends {@link #deliveryStats()} as a {@value #TYPE_STATS} message; called by the stats thread. */
    void emitStats() {
        DeliveryStats d = deliveryStats();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sent", d.sent());
        fields.put("filtered", d.filtered());
        fields.put("dropped_queue_full", d.droppedQueueFull());
        fields.put("dropped_too_large", d.droppedTooLarge());
        fields.put("failed", d.failed());
        metlog(TYPE_STATS, null, null, "", fields);
    }

    // ---------------------------------------------------------------- generic messages

    /**
     * Sends a message of type {@code type} with the defaults: client logger and severity, empty payload, no fields.
     *
     * @param type the message type
     */
    public void metlog(String type) {
        metlog(type, null, null, "", null);
    }

    /**
     * Sends a message with a payload.
     *
     * @param type    the message type
     * @param payload the payload; null means ""
     */
    public void metlog(String type, String payload) {
        metlog(type, null, null, payload, null);
    }

    /**
     * Sends a message with a payload and fields.
     *
     * @param type    the message type
     * @param payload the payload; null means ""
     * @param fields  extra fields, copied; may be null
     */
    public void metlog(String type, String payload, Map<String, ?> fields) {
        metlog(type, null, null, payload, fields);
    }

    /**
     * Creates one message and passes it through the filters to the sender (metlog-py's {@code metlog}).
     *
     * @param type     the message type, not null
     * @param logger   the logger; null means the client's default
     * @param severity 0 to 7; null means the client's default
     * @param payload  the payload; null means ""
     * @param fields   extra fields, copied; may be null
     * @throws IllegalArgumentException if the type is null or the severity is outside 0 to 7
     */
    public void metlog(String type, String logger, Integer severity, String payload, Map<String, ?> fields) {
        State s = state;
        send(s, newMessage(s, type, logger, severity, payload, fields, null, 1.0));
    }

    /**
     * Runs the filters over {@code message} and, if all keep it, hands it to the sender (metlog-py's
     * {@code send_message}). Never throws: a failing filter or sender is reported on stderr and counted.
     *
     * @param message the message
     */
    public void sendMessage(Message message) {
        send(state, message);
    }

    private Message newMessage(State s, String type, String logger, Integer severity, String payload,
                               Map<String, ?> fields, String statName, double rate) {
        if (type == null) {
            throw new IllegalArgumentException("message type must not be null");
        }
        long micros = systemClock ? EnvelopeJson.nowMicros() : EnvelopeJson.toMicros(clock.instant());
        return origin.message(type, micros, logger != null ? logger : s.logger,
            severity != null ? severity : s.severity, payload, fields, statName, rate);
    }

    private void send(State s, Message message) {
        try {
            for (Filter filter : s.filters) {
                if (!filter.test(message)) {
                    counters.filtered();
                    return;
                }
            }
        } catch (Throwable error) {
            counters.failed();
            failed(message, error);
            return;
        }
        try {
            s.sender.send(message);
            s.tally.handed.increment();
        } catch (Throwable error) {
            s.tally.threw.increment();
            failed(message, error);
        }
    }

    private void failed(Message message, Throwable error) {
        ErrorHandler.report(errorHandler, DeliveryError.sendFailed("client '" + state.logger + "'", message, error));
        if (error instanceof VirtualMachineError vme) {
            throw vme;
        }
    }

    // ---------------------------------------------------------------- counters

    /**
     * Increments counter {@code name} by one.
     *
     * @param name the counter name
     */
    public void incr(String name) {
        incr(name, 1, 1.0, null, null, null);
    }

    /**
     * Changes counter {@code name} by {@code count}.
     *
     * @param name  the counter name
     * @param count the amount; may be negative
     */
    public void incr(String name, long count) {
        incr(name, count, 1.0, null, null, null);
    }

    /**
     * Changes counter {@code name} by {@code count}, sending only a {@code rate} fraction of the calls.
     *
     * @param name  the counter name
     * @param count the amount
     * @param rate  sample rate, 0 to 1; the receiver scales by {@code 1/rate}
     */
    public void incr(String name, long count, double rate) {
        incr(name, count, rate, null, null, null);
    }

    /**
     * Sends a {@code counter} message: payload the count, fields {@code name} and {@code rate}
     * (metlog-py's {@code incr}). With a rate below 1 only that fraction of calls sends anything.
     *
     * @param name     the counter name, not null
     * @param count    the amount
     * @param rate     sample rate, 0 to 1
     * @param logger   the logger; null means the client's default
     * @param severity 0 to 7; null means the client's default
     * @param fields   extra fields, copied; may be null
     * @throws IllegalArgumentException if the name is null or the rate is outside 0 to 1
     */
    public void incr(String name, long count, double rate, String logger, Integer severity, Map<String, ?> fields) {
        sendStat(TYPE_COUNTER, name, Decimal.toString(count), rate, true, logger, severity, fields);
    }

    /**
     * Sends a statistic message ({@code counter}, {@code timer}, {@code gauge} or a custom type) whose payload is
     * {@code value} and whose fields are {@code name} (with the client's {@link #prefix()} and a {@code .} in
     * front when a prefix is set) and {@code rate}.
     *
     * @param type       the message type
     * @param name       the statistic's name, not null
     * @param value      the payload
     * @param rate       sample rate, 0 to 1
     * @param sample     true to enforce the rate here (skip {@code 1 - rate} of calls), false to send it as
     *                   information only
     * @param logger     the logger; null means the client's default
     * @param severity   0 to 7; null means the client's default
     * @param fields     extra fields, copied; may be null
     * @throws IllegalArgumentException if the name is null or the rate is outside 0 to 1
     */
    public void sendStat(String type, String name, String value, double rate, boolean sample, String logger,
                         Integer severity, Map<String, ?> fields) {
        checkRate(rate);
        if (name == null) {
            throw new IllegalArgumentException(type + " name must not be null");
        }
        if (sample && rate < 1.0 && ThreadLocalRandom.current().nextDouble() >= rate) {
            return;
        }
        State s = state;
        send(s, newMessage(s, type, logger, severity, value, fields, prefixed(s.prefix, name), rate));
    }

    static void checkRate(double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException("sample rate " + rate + " is out of range: expected 0 to 1");
        }
    }

    // ---------------------------------------------------------------- timers

    /**
     * Returns the timer of this name with rate 1 and the client's defaults. The same object is returned for the
     * same name, so calling this on a hot path allocates nothing.
     *
     * @param name the timer name, not null
     * @return the timer
     */
    public Timer timer(String name) {
        Timer timer = timers.get(checkName(name));
        if (timer == null) {
            timer = new Timer(this, name, 1.0, null, null, null);
            if (timers.size() < TIMER_CACHE_LIMIT) {
                Timer raced = timers.putIfAbsent(name, timer);
                timer = raced != null ? raced : timer;
            }
        }
        return timer;
    }

    /**
     * Returns a new timer that times only a {@code rate} fraction of its timings.
     *
     * @param name the timer name, not null
     * @param rate sample rate, 0 to 1
     * @return the timer
     * @throws IllegalArgumentException if the rate is outside 0 to 1
     */
    public Timer timer(String name, double rate) {
        return timer(name, rate, null, null, null);
    }

    /**
     * Returns a new timer (metlog-py's {@code timer}).
     *
     * @param name     the timer name, not null
     * @param rate     sample rate, 0 to 1; enforced at each {@link Timer#start()}
     * @param logger   the logger; null means the client's default
     * @param severity 0 to 7; null means the client's default
     * @param fields   extra fields, copied; may be null
     * @return the timer
     * @throws IllegalArgumentException if the rate is outside 0 to 1
     */
    public Timer timer(String name, double rate, String logger, Integer severity, Map<String, ?> fields) {
        checkRate(rate);
        if (severity != null) {
            Severity.check(severity);
        }
        return new Timer(this, checkName(name), rate, logger, severity, fields);
    }

    private static String checkName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("timer name must not be null");
        }
        return name;
    }

    /**
     * Sends a timer message for an already measured duration.
     *
     * @param name      the timer name
     * @param elapsedMs elapsed milliseconds
     */
    public void timerSend(String name, long elapsedMs) {
        timerSend(name, elapsedMs, 1.0, null, null, null);
    }

    /**
     * Sends a timer message for an already measured duration; the rate is sent as information only.
     *
     * @param name      the timer name
     * @param elapsedMs elapsed milliseconds
     * @param rate      the sample rate the caller applied, 0 to 1
     */
    public void timerSend(String name, long elapsedMs, double rate) {
        timerSend(name, elapsedMs, rate, null, null, null);
    }

    /**
     * Sends a {@code timer} message: payload the elapsed milliseconds, fields {@code name} and {@code rate}
     * (metlog-py's {@code timer_send}). The rate is not enforced here: the message is always sent.
     *
     * @param name      the timer name, not null
     * @param elapsedMs elapsed milliseconds
     * @param rate      the sample rate the caller applied, 0 to 1
     * @param logger    the logger; null means the client's default
     * @param severity  0 to 7; null means the client's default
     * @param fields    extra fields, copied; may be null
     */
    public void timerSend(String name, long elapsedMs, double rate, String logger, Integer severity,
                          Map<String, ?> fields) {
        sendStat(TYPE_TIMER, name, Decimal.toString(elapsedMs), rate, false, logger, severity, fields);
    }

    // ---------------------------------------------------------------- log-style messages

    /**
     * Sends an {@code oldstyle} message at DEBUG (7). See {@link #log(int, String, Object...)} for the arguments.
     *
     * @param msg  the message, a Python-style format if arguments are given
     * @param args format arguments; a trailing Throwable appends its stack trace
     */
    public void debug(String msg, Object... args) {
        log(Severity.DEBUG, msg, args);
    }

    /**
     * Sends an {@code oldstyle} message at INFORMATIONAL (6).
     *
     * @param msg  the message, a Python-style format if arguments are given
     * @param args format arguments; a trailing Throwable appends its stack trace
     */
    public void info(String msg, Object... args) {
        log(Severity.INFORMATIONAL, msg, args);
    }

    /**
     * Sends an {@code oldstyle} message at WARNING (4).
     *
     * @param msg  the message, a Python-style format if arguments are given
     * @param args format arguments; a trailing Throwable appends its stack trace
     */
    public void warn(String msg, Object... args) {
        log(Severity.WARNING, msg, args);
    }

    /**
     * Sends an {@code oldstyle} message at ERROR (3).
     *
     * @param msg  the message, a Python-style format if arguments are given
     * @param args format arguments; a trailing Throwable appends its stack trace
     */
    public void error(String msg, Object... args) {
        log(Severity.ERROR, msg, args);
    }

    /**
     * Sends an {@code oldstyle} message at CRITICAL (2).
     *
     * @param msg  the message, a Python-style format if arguments are given
     * @param args format arguments; a trailing Throwable appends its stack trace
     */
    public void critical(String msg, Object... args) {
        log(Severity.CRITICAL, msg, args);
    }

    /**
     * Sends an {@code oldstyle} message at ALERT (1) for an exception: pass the Throwable as the last argument
     * and its stack trace is appended (metlog-py's {@code exception}).
     *
     * @param msg  the message, a Python-style format if arguments are given
     * @param args format arguments, ending with the Throwable
     */
    public void exception(String msg, Object... args) {
        log(Severity.ALERT, msg, args);
    }

    /**
     * Sends an {@code oldstyle} message. With arguments, {@code msg} is formatted like Python's
     * {@code msg % args}: {@code %s}, {@code %d}, {@code %r}, {@code %.2f}..., or {@code %(key)s} with one Map
     * argument; without arguments it is sent as is (so a lone {@code %} is safe). A trailing Throwable argument
     * appends its stack trace. Arguments that do not fit the format never throw: the message is sent with the
     * arguments appended instead.
     *
     * @param severity 0 to 7
     * @param msg      the message or format; null means ""
     * @param args     format arguments, optionally ending with a Throwable
     * @throws IllegalArgumentException if the severity is outside 0 to 7
     */
    public void log(int severity, String msg, Object... args) {
        Severity.check(severity);
        String text = msg == null ? "" : msg;
        Throwable error = null;
        if (args != null && args.length > 0) {
            if (args[args.length - 1] instanceof Throwable t) {
                error = t;
                Object[] rest = Arrays.copyOf(args, args.length - 1);
                if (rest.length > 0) {
                    text = formatSafely(text, rest, args);
                } else if (text.contains("%")) {
                    text = formatOrKeep(text, args); // "failed: %s" may mean the Throwable itself
                }
            } else {
                text = formatSafely(text, args, null);
            }
        }
        if (error != null) {
            text = text + "\n" + safeStackTrace(error);
        }
        State s = state;
        send(s, newMessage(s, TYPE_OLDSTYLE, null, severity, text, null, null, 1.0));
    }

    private static String formatOrKeep(String format, Object[] args) {
        try {
            return PercentFormat.format(format, args);
        } catch (RuntimeException e) {
            return format;
        }
    }

    private static String formatSafely(String format, Object[] args, Object[] alternative) {
        try {
            return PercentFormat.format(format, args);
        } catch (RuntimeException first) {
            if (alternative != null) {
                try {
                    return PercentFormat.format(format, alternative);
                } catch (RuntimeException ignored) {
                    // fall through to the unformatted form
                }
            }
            return format + " " + describe(args);
        }
    }

    /** Lists the arguments like {@link Arrays#deepToString}, but an argument whose toString() throws is named. */
    private static String describe(Object[] args) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            try {
                Object arg = args[i];
                out.append(arg instanceof Object[] nested ? Arrays.deepToString(nested) : String.valueOf(arg));
            } catch (RuntimeException e) {
                out.append('<').append(args[i].getClass().getName()).append(".toString() failed: ")
                    .append(e.getClass().getName()).append('>');
            }
        }
        return out.append(']').toString();
    }

    private static String safeStackTrace(Throwable error) {
        try {
            return stackTrace(error);
        } catch (RuntimeException e) {
            return "<stack trace of " + error.getClass().getName() + " unavailable: " + e.getClass().getName() + ">";
        }
    }

    /**
     * Returns a Throwable's stack trace as Java prints it, with causes and suppressed exceptions.
     *
     * @param error the throwable
     * @return the trace, without a trailing newline
     */
    public static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        String trace = out.toString();
        return trace.endsWith(System.lineSeparator())
            ? trace.substring(0, trace.length() - System.lineSeparator().length()) : trace;
    }

    // ---------------------------------------------------------------- extension methods

    /**
     * Binds an extension method under {@code name} (metlog-py's {@code add_method}).
     *
     * @param name   the method name
     * @param method the method
     * @throws IllegalArgumentException if the name is already bound, or is a built-in method of this class
     */
    public void addMethod(String name, ExtensionMethod method) {
        addMethod(name, method, false);
    }

    /**
     * Binds an extension method under {@code name}.
     *
     * @param name     the method name
     * @param method   the method
     * @param override true to replace a method already bound under this name
     * @throws IllegalArgumentException if the name is bound and {@code override} is false, or if the name is a
     *                                  built-in method of this class (those cannot be replaced)
     */
    public void addMethod(String name, ExtensionMethod method, boolean override) {
        Objects.requireNonNull(method, "method");
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("extension method name must not be empty");
        }
        if (isBuiltInMethod(name)) {
            throw new IllegalArgumentException("'" + name + "' is a built-in method of MetlogClient and cannot be"
                + " bound as an extension method");
        }
        if (override) {
            methods.put(name, method);
        } else if (methods.putIfAbsent(name, method) != null) {
            throw new IllegalArgumentException("extension method '" + name + "' is already bound; set override"
                + " to '" + name + "' to replace it");
        }
    }

    /**
     * Unbinds an extension method.
     *
     * @param name the method name
     * @return true if one was bound
     */
    public boolean removeMethod(String name) {
        return methods.remove(name) != null;
    }

    /**
     * Returns whether an extension method is bound under {@code name}.
     *
     * @param name the method name
     * @return true if bound
     */
    public boolean hasMethod(String name) {
        return methods.containsKey(name);
    }

    /** @return the names of the bound extension methods, sorted */
    public Set<String> methodNames() {
        return Collections.unmodifiableSet(new TreeSet<>(methods.keySet()));
    }

    /**
     * Calls an extension method.
     *
     * @param name the method name
     * @param args its arguments
     * @return its result
     * @throws MethodNotFoundException if no method is bound under {@code name}
     */
    public Object call(String name, Object... args) {
        ExtensionMethod method = methods.get(name);
        if (method == null) {
            throw new MethodNotFoundException("no extension method '" + name + "' is bound to client '"
                + state.logger + "'; bound: " + methodNames());
        }
        return method.invoke(this, args);
    }

    // ---------------------------------------------------------------- lifecycle

    /** Asks the sender to deliver anything it buffers. Never throws. */
    public void flush() {
        try {
            state.sender.flush();
        } catch (RuntimeException e) {
            Diagnostics.warn("flushing the sender failed", e);
        }
    }

    /**
     * Flushes and closes the sender. Later messages are dropped and counted (the client is left with a
     * {@link NoSendSender}). Never throws.
     */
    @Override
    public void close() {
        State s = state;
        flush();
        replaceState(State.of(new NoSendSender(s.logger + " (closed)"), s.logger, s.severity, s.disabledTimers,
            List.of(s.filters), s.config, s.prefix));
    }

    /** @return true while the {@code metlog-stats} thread of this client runs; for tests */
    synchronized boolean isEmittingStats() {
        return statsEmitter != null;
    }

    private static void closeQuietly(Sender sender) {
        try {
            sender.close();
        } catch (RuntimeException e) {
            Diagnostics.warn("closing sender " + sender.getClass().getName() + " failed", e);
        }
    }

    /**
     * Returns whether {@code name} is one of this class's own instance methods, which an extension method may
     * not take (Java cannot replace them, so binding one would only hide it behind {@link #call}).
     *
     * @param name a candidate extension method name
     * @return true if {@code name} is reserved
     */
    public static boolean isBuiltInMethod(String name) {
        return BUILT_IN_METHODS.contains(name);
    }

    private static Set<String> builtInMethodNames() {
        Set<String> names = new TreeSet<>();
        for (Method m : MetlogClient.class.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers())) {
                names.add(m.getName());
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * Immutable settings, swapped as one, with the counting of the current sender's time: its tally (shared by
     * successive states that keep the same sender), the sender being closed (if a replacement is in progress)
     * and the history of earlier senders.
     */
    private static final class State {
        final Sender sender;
        final String logger;
        final int severity;
        final Set<String> disabledTimers;
        final boolean allTimersDisabled;
        final Filter[] filters;
        final String config;
        final String prefix;
        final long statsIntervalNanos;
        final SenderTally tally;
        final State closing;
        final SenderHistory history;

        private State(Sender sender, String logger, int severity, Set<String> disabledTimers, Filter[] filters,
                      String config, String prefix) {
            this(sender, logger, severity, disabledTimers, filters, config, prefix, 0, new SenderTally(), null,
                SenderHistory.NONE);
        }

        private State(Sender sender, String logger, int severity, Set<String> disabledTimers, Filter[] filters,
                      String config, String prefix, long statsIntervalNanos, SenderTally tally, State closing,
                      SenderHistory history) {
            this.sender = sender;
            this.logger = logger;
            this.severity = severity;
            this.disabledTimers = disabledTimers;
            this.allTimersDisabled = disabledTimers.contains(ALL_TIMERS);
            this.filters = filters;
            this.config = config;
            this.prefix = prefix;
            this.statsIntervalNanos = statsIntervalNanos;
            this.tally = tally;
            this.closing = closing;
            this.history = history;
        }

        State withStatsInterval(long nanos) {
            return new State(sender, logger, severity, disabledTimers, filters, config, prefix, nanos, tally,
                closing, history);
        }

        /** These settings, keeping the counting of {@code previous}, which has the same sender. */
        State continuing(State previous) {
            return new State(sender, logger, severity, disabledTimers, filters, config, prefix, statsIntervalNanos,
                previous.tally, previous.closing, previous.history);
        }

        /** These settings with a new sender, while {@code previous}'s sender is being closed. */
        State following(State previous) {
            return new State(sender, logger, severity, disabledTimers, filters, config, prefix, statsIntervalNanos,
                tally, previous, previous.history);
        }

        /** This state once the sender being closed is closed: its final counts move into the history. */
        State settled() {
            if (closing == null) {
                return this;
            }
            return new State(sender, logger, severity, disabledTimers, filters, config, prefix, statsIntervalNanos,
                tally, null, history.plus(closing.sender, closing.tally));
        }

        static State of(Sender sender, String logger, int severity, Collection<String> disabledTimers,
                        List<Filter> filters, String config) {
            return of(sender, logger, severity, disabledTimers, filters, config, "");
        }

        static State of(Sender sender, String logger, int severity, Collection<String> disabledTimers,
                        List<Filter> filters, String config, String prefix) {
            String name = logger == null ? "" : logger;
            Set<String> timers = disabledTimers == null ? Set.of() : Set.copyOf(disabledTimers);
            Filter[] chain = filters == null ? new Filter[0] : filters.toArray(new Filter[0]);
            for (Filter f : chain) {
                Objects.requireNonNull(f, "filter");
            }
            return new State(sender == null ? new NoSendSender(name) : sender, name, Severity.check(severity),
                timers, chain, config, prefix == null ? "" : prefix);
        }
    }

    /**
     * Builds a {@link MetlogClient}, or reconfigures an existing one with {@link #configure(MetlogClient)}.
     * Defaults: a {@link NoSendSender}, logger "", severity 6 (informational), no disabled timers, no filters,
     * the system UTC clock.
     */
    public static final class Builder {
        private Sender sender;
        private String logger = "";
        private int severity = Severity.INFORMATIONAL;
        private Collection<String> disabledTimers = List.of();
        private List<Filter> filters = List.of();
        private String config;
        private String prefix = "";
        private Clock clock = Clock.systemUTC();
        private long pid = HostInfo.pid();
        private String hostname;
        private long statsIntervalNanos;
        private ErrorHandler errorHandler;

        private Builder() {
        }

        /**
         * Sets where the client reports messages it could not hand to its sender (a filter or the sender threw).
         * Default: a new {@link ErrorHandler#stderr()} handler. Kept when the client is reconfigured with
         * {@link #configure(MetlogClient)}.
         *
         * @param handler the handler
         * @return this builder
         */
        public Builder errorHandler(ErrorHandler handler) {
            this.errorHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Makes the client send its {@link MetlogClient#deliveryStats()} every {@code interval} as a
         * {@value MetlogClient#TYPE_STATS} message (through its own filters and sender), from one daemon thread
         * named {@code metlog-stats} that stops when the client is closed or reconfigured without it. The counters
         * are cumulative since the client was built. Default: off.
         *
         * @param interval the interval, at least 1 ms; null or zero for none
         * @return this builder
         * @throws IllegalArgumentException if negative or below 1 ms
         */
        public Builder statsInterval(Duration interval) {
            if (interval == null || interval.isZero()) {
                this.statsIntervalNanos = 0;
                return this;
            }
            if (interval.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("stats interval " + interval + " is out of range: expected at"
                    + " least 1 ms, or zero for none");
            }
            this.statsIntervalNanos = interval.toNanos();
            return this;
        }

        /**
         * Sets the sender. Default: a {@link NoSendSender}, which drops and counts every message.
         *
         * @param sender the sender; null means a {@link NoSendSender}
         * @return this builder
         */
        public Builder sender(Sender sender) {
            this.sender = sender;
            return this;
        }

        /**
         * Sets the default logger name of messages. Default: "".
         *
         * @param logger the default logger name; null means ""
         * @return this builder
         */
        public Builder logger(String logger) {
            this.logger = logger;
            return this;
        }

        /**
         * Sets the default severity of messages. Default: 6 (informational).
         *
         * @param severity the default severity, 0 to 7
         * @return this builder
         * @throws IllegalArgumentException if the severity is outside 0 to 7
         */
        public Builder severity(int severity) {
            this.severity = Severity.check(severity);
            return this;
        }

        /**
         * Sets the timers that measure and send nothing. Default: none.
         *
         * @param names timer names, copied; {@value #ALL_TIMERS} disables all
         * @return this builder
         */
        public Builder disabledTimers(Collection<String> names) {
            this.disabledTimers = List.copyOf(names);
            return this;
        }

        /**
         * Sets the filters, applied in order to every message. Default: none.
         *
         * @param filters the filters, copied
         * @return this builder
         */
        public Builder filters(List<Filter> filters) {
            this.filters = List.copyOf(filters);
            return this;
        }

        /**
         * Sets the prefix prepended, with a {@code .}, to the names of counters, timers and gauges.
         *
         * @param prefix the prefix; null or "" for none
         * @return this builder
         */
        public Builder prefix(String prefix) {
            this.prefix = prefix == null ? "" : prefix;
            return this;
        }

        /**
         * Records the JSON of the configuration the client is built from, returned by {@link #config()}.
         * For configuration loaders.
         *
         * @param json the configuration as JSON
         * @return this builder
         */
        public Builder configJson(String json) {
            this.config = json;
            return this;
        }

        /**
         * Sets the clock that stamps messages (microsecond precision is kept). For tests.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Overrides the process id and host name sent in every envelope. For tests.
         *
         * @param pid      the process id
         * @param hostname the host name
         * @return this builder
         */
        public Builder origin(long pid, String hostname) {
            this.pid = pid;
            this.hostname = Objects.requireNonNull(hostname, "hostname");
            return this;
        }

        /** @return a new client (its {@code metlog-stats} thread running if a stats interval is set) */
        public MetlogClient build() {
            MetlogClient client = new MetlogClient(state(), clock, pid,
                hostname != null ? hostname : HostInfo.hostname(), errorHandler);
            synchronized (client) {
                client.updateStatsEmitter(client.state);
            }
            return client;
        }

        /**
         * Applies these settings to an existing client in place, as {@link MetlogClient#setup} does (the clock
         * and origin of the existing client are kept).
         *
         * @param client the client to reconfigure
         * @return the same client
         */
        public MetlogClient configure(MetlogClient client) {
            client.replaceState(state());
            return client;
        }

        private State state() {
            return State.of(sender, logger, severity, disabledTimers, filters, config, prefix)
                .withStatsInterval(statsIntervalNanos);
        }
    }

    // ================================================================ statistics conveniences (pylogd's API)
    //
    // Everything below is the statistics API pylogd users know (decrement, change_by, set, timer.start/stop and
    // accumulators), built on sendStat. The prefix is applied once, in sendStat. Named timers and accumulators
    // keep their state per thread (see NamedTimers).

    /** Alias of {@link Message#TYPE_GAUGE}. */
    public static final String TYPE_GAUGE = Message.TYPE_GAUGE;

    private static final double EXACT_LONG_LIMIT = 0x1p53;

    private final NamedTimers namedTimers = new NamedTimers();

    /** Prepends the prefix and a dot; allocation-free when there is no prefix. */
    static String prefixed(String prefix, String name) {
        return prefix.isEmpty() || name == null ? name : prefix + "." + name;
    }

    /**
     * Decrements counter {@code name} by one (pylogd's {@code decrement}): sends a {@code counter} message with
     * payload {@code -1}.
     *
     * @param name the counter name, not null
     * @throws IllegalArgumentException if the name is null
     */
    public void decr(String name) {
        incr(name, -1L, 1.0, null, null, null);
    }

    /**
     * Decrements counter {@code name} by {@code count}: the same as {@code incr(name, -count)}.
     *
     * @param name  the counter name, not null
     * @param count the amount to subtract
     * @throws IllegalArgumentException if the name is null or the count is {@link Long#MIN_VALUE}
     */
    public void decr(String name, long count) {
        incr(name, negate(count), 1.0, null, null, null);
    }

    /**
     * Decrements counter {@code name} by {@code count}, sending only a {@code rate} fraction of the calls
     * (pylogd's {@code decrement(key, sample_rate)} is {@code decr(name, 1, rate)}).
     *
     * @param name  the counter name, not null
     * @param count the amount to subtract
     * @param rate  sample rate, 0 to 1; the receiver scales by {@code 1/rate}
     * @throws IllegalArgumentException if the name is null, the count is {@link Long#MIN_VALUE} or the rate is
     *                                  outside 0 to 1
     */
    public void decr(String name, long count, double rate) {
        incr(name, negate(count), rate, null, null, null);
    }

    private static long negate(long count) {
        if (count == Long.MIN_VALUE) {
            throw new IllegalArgumentException("cannot decrement by " + count + ": its negation does not fit a long");
        }
        return -count;
    }

    /**
     * Sets gauge {@code name} to {@code value} (pylogd's meter {@code set}): sends a {@value #TYPE_GAUGE} message
     * whose payload is the value in decimal and whose fields are {@code name} and {@code rate}.
     *
     * @param name  the gauge name, not null
     * @param value the current value
     * @throws IllegalArgumentException if the name is null
     */
    public void gauge(String name, long value) {
        gauge(name, value, 1.0);
    }

    /**
     * Sets gauge {@code name} to {@code value}, sending only a {@code rate} fraction of the calls.
     *
     * @param name  the gauge name, not null
     * @param value the current value
     * @param rate  sample rate, 0 to 1 (enforced here, as for counters)
     * @throws IllegalArgumentException if the name is null or the rate is outside 0 to 1
     */
    public void gauge(String name, long value, double rate) {
        sendStat(TYPE_GAUGE, name, Long.toString(value), rate, true, null, null, null);
    }

    /**
     * Sets gauge {@code name} to a decimal value. The payload is the shortest decimal that reads back as the
     * same double, without a trailing {@code .0} for whole numbers: {@code 30.0} sends {@code "30"},
     * {@code 0.25} sends {@code "0.25"}; magnitudes of 2<sup>53</sup> and more and tiny fractions may use
     * exponent notation ({@code "1.0E21"}), which statsd, logd and Python all read.
     *
     * @param name  the gauge name, not null
     * @param value the current value; NaN and infinities are not sent (counted as failed, reported on stderr)
     * @throws IllegalArgumentException if the name is null
     */
    public void gauge(String name, double value) {
        gauge(name, value, 1.0);
    }

    /**
     * Sets gauge {@code name} to a decimal value, sending only a {@code rate} fraction of the calls; the payload
     * is formatted as in {@link #gauge(String, double)}.
     *
     * @param name  the gauge name, not null
     * @param value the current value; NaN and infinities are not sent (counted as failed, reported on stderr)
     * @param rate  sample rate, 0 to 1 (enforced here)
     * @throws IllegalArgumentException if the name is null or the rate is outside 0 to 1
     */
    public void gauge(String name, double value, double rate) {
        if (!Double.isFinite(value)) {
            checkRate(rate);
            if (name == null) {
                throw new IllegalArgumentException(TYPE_GAUGE + " name must not be null");
            }
            counters.failed();
            Diagnostics.warn("gauge '" + name + "' was not sent: its value " + value + " is not a finite number");
            return;
        }
        sendStat(TYPE_GAUGE, name, formatDecimal(value), rate, true, null, null, null);
    }

    /**
     * Formats a finite double the way gauges send it: whole numbers below 2<sup>53</sup> without a fraction,
     * anything else as {@link Double#toString(double)}.
     */
    static String formatDecimal(double value) {
        if (value == Math.rint(value) && Math.abs(value) < EXACT_LONG_LIMIT) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /**
     * Starts named timer {@code name} for the calling thread (pylogd's {@code timer.start}). The matching
     * {@link #stopTimer(String)} may be in another method but must run on the same thread: the state is kept per
     * thread, so threads timing the same name never see each other's timers. Starting a name that is already
     * running on this thread restarts it (the earlier start is forgotten, as in pylogd). A disabled timer (see
     * {@link #isTimerDisabled(String)}) records nothing.
     *
     * @param name the timer name, not null
     * @throws IllegalArgumentException if the name is null
     */
    public void startTimer(String name) {
        startTimer(name, 1.0);
    }

    /**
     * Starts named timer {@code name} for the calling thread, timing only a {@code rate} fraction of its starts;
     * the decision is made here, so a sampled-out start reads no clock and its stop sends nothing.
     *
     * @param name the timer name, not null
     * @param rate sample rate, 0 to 1, sent in the timer message's {@code rate} field
     * @throws IllegalArgumentException if the name is null or the rate is outside 0 to 1
     */
    public void startTimer(String name, double rate) {
        checkRate(rate);
        if (name == null) {
            throw new IllegalArgumentException("timer name must not be null");
        }
        if (isTimerDisabled(name) || (rate < 1.0 && ThreadLocalRandom.current().nextDouble() >= rate)) {
            namedTimers.forget(name);
            return;
        }
        namedTimers.start(name, rate, System.nanoTime());
    }

    /**
     * Stops named timer {@code name} of the calling thread and sends a {@code timer} message with the elapsed
     * whole milliseconds and the rate given at start (pylogd's {@code timer.stop}). Does nothing if this thread
     * has no such timer running (never started, already stopped, sampled out, or disabled), or if the timer
     * was disabled in the meantime. Never throws.
     *
     * @param name the timer name
     */
    public void stopTimer(String name) {
        if (name == null) {
            return;
        }
        long now = System.nanoTime();
        NamedTimers.Running running = namedTimers.stop(name);
        if (running == null || isTimerDisabled(name)) {
            return;
        }
        sendStat(TYPE_TIMER, name, Long.toString((now - running.startNanos()) / 1_000_000L), running.rate(), false,
            null, null, null);
    }

    /**
     * Starts (or restarts) a section of accumulator {@code name} for the calling thread (pylogd's
     * {@code timer.start_accumulator}). An accumulator adds up the time of several sections and sends the total
     * as one timer message when flushed. State is per thread, as for {@link #startTimer(String)}. A disabled
     * timer name records nothing.
     *
     * @param name the accumulator name, not null; sent as a {@code timer}
     * @throws IllegalArgumentException if the name is null
     */
    public void startAccumulator(String name) {
        startAccumulator(name, 1.0);
    }

    /**
     * Starts a section of accumulator {@code name}; when it is flushed, only a {@code rate} fraction of flushes
     * send. The rate of the first start after a flush applies until the next flush.
     *
     * @param name the accumulator name, not null
     * @param rate sample rate, 0 to 1
     * @throws IllegalArgumentException if the name is null or the rate is outside 0 to 1
     */
    public void startAccumulator(String name, double rate) {
        checkRate(rate);
        if (name == null) {
            throw new IllegalArgumentException("accumulator name must not be null");
        }
        if (isTimerDisabled(name)) {
            return;
        }
        namedTimers.startAccumulator(name, rate, System.nanoTime());
    }

    /**
     * Ends the running section of accumulator {@code name} of the calling thread and adds its time to the total
     * (pylogd's {@code timer.stop_accumulator}). Does nothing if no section of that name is running. Sends
     * nothing. Never throws.
     *
     * @param name the accumulator name
     */
    public void stopAccumulator(String name) {
        if (name != null) {
            namedTimers.stopAccumulator(name, System.nanoTime());
        }
    }

    /**
     * Sends the total of the calling thread's completed sections of accumulator {@code name} as one
     * {@code timer} message (whole milliseconds of the summed nanoseconds), then resets the total (pylogd's
     * {@code timer.flush_accumulator}). A section still running keeps running and counts towards the next
     * flush. Sends nothing if no section was completed since the last flush, if the name is disabled, or if
     * this flush is sampled out by the rate given at start. Never throws.
     *
     * @param name the accumulator name
     */
    public void flushAccumulator(String name) {
        if (name != null) {
            sendTotal(namedTimers.flush(name));
        }
    }

    /**
     * Flushes every accumulator of the calling thread, in the order they were first started (pylogd's
     * {@code timer.flush}): one timer message each, as {@link #flushAccumulator(String)} does. Accumulators of
     * other threads are not touched. Never throws.
     */
    public void flushAccumulators() {
        for (NamedTimers.Total total : namedTimers.flushAll()) {
            sendTotal(total);
        }
    }

    private void sendTotal(NamedTimers.Total total) {
        if (total == null || isTimerDisabled(total.name())) {
            return;
        }
        sendStat(TYPE_TIMER, total.name(), Long.toString(total.nanos() / 1_000_000L), total.rate(), true, null,
            null, null);
    }
}

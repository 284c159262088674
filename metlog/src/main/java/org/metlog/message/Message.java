package org.metlog.message;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.metlog.internal.Timestamps;

/**
 * One metlog message: the envelope metlog-py sends ({@code type, timestamp, logger, severity, payload, fields,
 * env_version, metlog_pid, metlog_hostname}).
 *
 * <p>A message is created by a {@link org.metlog.MetlogClient}, passed through its filters (which may change it)
 * and handed to a sender. It is not thread-safe: it belongs to the thread that is sending it until the sender has
 * taken it. Encoding it ({@link #encode()}, {@link #toJson()}, ...) never blocks.
 *
 * <p>Counters, timers and gauges keep their {@code name} and {@code rate} fields in dedicated slots, so that the
 * common case allocates no map; {@link #fields()} turns them into an ordinary mutable map when first called.
 */
public final class Message implements Envelope {
    /** The envelope format version sent in every message, as metlog-py 0.10 sends it. */
    public static final String ENV_VERSION = "0.8";
    /** Message type of log-style messages. */
    public static final String TYPE_OLDSTYLE = "oldstyle";
    /** Message type of counters: the payload is the count, the fields {@code name} and {@code rate}. */
    public static final String TYPE_COUNTER = "counter";
    /** Message type of timers: the payload is the elapsed milliseconds, the fields {@code name} and {@code rate}. */
    public static final String TYPE_TIMER = "timer";
    /** Message type of gauges: the payload is the value, the fields {@code name} and {@code rate}. */
    public static final String TYPE_GAUGE = "gauge";
    /** Message type of a client's own delivery counters: payload "", fields {@code sent, filtered, ...}. */
    public static final String TYPE_STATS = "metlog_stats";

    private String type;
    private long timestampMicros;
    private String logger;
    private int severity;
    private String payload;
    /** The envelope's constant part, shared by every message of a client. */
    private Origin origin;
    /** Set while {@link Messages} lends this message: whoever would keep it takes a copy instead. */
    boolean lent;
    /** The encoder a reused message carries, so that encoding it takes nothing from the pool; else null. */
    EncodedEnvelope ownEncoder;
    /**
     * 1 once this message was counted in its origin's {@link FieldTally}, so that it is counted once however often
     * and on however many threads it is encoded; reset when a lent message is reused, carried into a copy.
     */
    private volatile int cutCounted;
    private static final AtomicIntegerFieldUpdater<Message> CUT_COUNTED =
        AtomicIntegerFieldUpdater.newUpdater(Message.class, "cutCounted");

    /** The extra fields; null until {@link #fields()} materialises them or the creator supplied some. */
    private Map<String, Object> fields;
    /** Fast-path {@code name} field of counters, timers and gauges; null when absent or already in {@link #fields}. */
    private String statName;
    private double statRate;

    Message(String type, long timestampMicros, String logger, int severity, String payload,
            Map<String, ?> extraFields, String statName, double statRate, Origin origin) {
        assign(type, timestampMicros, logger, severity, payload, extraFields, statName, statRate, origin);
    }

    /** Sets every part, as the constructor does; {@link Messages} reuses a message this way. */
    void assign(String type, long timestampMicros, String logger, int severity, String payload,
                Map<String, ?> extraFields, String statName, double statRate, Origin origin) {
        this.type = Objects.requireNonNull(type, "type");
        this.timestampMicros = timestampMicros;
        this.logger = logger == null ? "" : logger;
        this.severity = Severity.check(severity);
        this.payload = payload == null ? "" : payload;
        this.origin = origin;
        this.fields = StatFields.initial(extraFields, statName, statRate);
        this.statName = fields == null ? statName : null; // with extra fields, the name and rate join them
        this.statRate = statRate;
        CUT_COUNTED.lazySet(this, 0);
    }

    private void countCut() {
        if (CUT_COUNTED.compareAndSet(this, 0, 1)) {
            origin.tally.add();
        }
    }

    /** {@return a message of its own with this one's content (the fields copied), never lent} */
    Message copy() {
        Message copy = new Message(type, timestampMicros, logger, severity, payload, fields, statName, statRate, origin);
        copy.cutCounted = cutCounted;
        return copy;
    }

    /**
     * Starts a message of the given type.
     *
     * @param type the message type, such as {@code "oldstyle"}, {@code "counter"} or a custom one
     * @return a builder with the defaults of metlog-py: severity 6, empty payload, no fields, the current time
     */
    public static Builder builder(String type) {
        return new Builder(type);
    }

    /** {@return the message type, such as {@code "counter"}} */
    public String type() {
        return type;
    }

    /** {@return the creation time in microseconds since the Unix epoch (UTC)} */
    public long timestampMicros() {
        return timestampMicros;
    }

    /** {@return the creation time} */
    public Instant timestamp() {
        return Timestamps.toInstant(timestampMicros);
    }

    /** {@return the logger name: the source of the message} */
    public String logger() {
        return logger;
    }

    /** {@return the severity, 0 (emergency) to 7 (debug)} */
    public int severity() {
        return severity;
    }

    /** {@return the payload text, never null} */
    public String payload() {
        return payload;
    }

    /** {@return the envelope format version, {@value #ENV_VERSION}} */
    public String envVersion() {
        return origin.envVersion;
    }

    /** {@return the id of the process that created the message} */
    public long pid() {
        return origin.pid;
    }

    /** {@return the host name of the machine that created the message} */
    public String hostname() {
        return origin.hostname;
    }

    /** {@return the fields as a mutable, insertion-ordered map (filters may change it); never null} */
    public Map<String, Object> fields() {
        fields = StatFields.materialise(fields, statName, statRate);
        statName = null;
        return fields;
    }

    /**
     * Returns one field without materialising the field map.
     *
     * @param key the field name
     * @return its value, or null
     */
    public Object field(String key) {
        return StatFields.get(fields, statName, statRate, key);
    }

    /**
     * {@return the field map without copying or materialising it (possibly without the fast-path name and rate),
     *     else an empty map: for serializers and senders on the hot path}
     */
    public Map<String, Object> rawFields() {
        return fields == null ? Collections.emptyMap() : fields;
    }

    /** {@return the fast-path {@code name} field, or null if the message has none or it lives in the map} */
    public String statName() {
        return statName;
    }

    /** {@return the fast-path {@code rate} field; meaningful only when {@link #statName()} is non-null} */
    public double statRate() {
        return statRate;
    }

    /**
     * Changes the type.
     *
     * @param type the new type, not null
     */
    public void setType(String type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * Changes the logger.
     *
     * @param logger the new logger; null means ""
     */
    public void setLogger(String logger) {
        this.logger = logger == null ? "" : logger;
    }

    /**
     * Changes the severity.
     *
     * @param severity 0 to 7
     * @throws IllegalArgumentException if out of range
     */
    public void setSeverity(int severity) {
        this.severity = Severity.check(severity);
    }

    /**
     * Changes the payload.
     *
     * @param payload the new payload; null means ""
     */
    public void setPayload(String payload) {
        this.payload = payload == null ? "" : payload;
    }

    /**
     * {@return the compact JSON as UTF-8 in a buffer lent by a pool all threads share (no allocation in steady
     * state), to be closed, best by try-with-resources, once read}; fields bounded and contained as docs/api.md says
     */
    public EncodedEnvelope encode() {
        EncodedEnvelope encoded = EnvelopeJson.encode(this, lent ? ownEncoder : null);
        if (encoded.cut()) {
            countCut(); // only once encoded: a message that fails is counted as failed instead
        }
        return encoded;
    }

    /** {@return a new buffer holding the compact JSON as UTF-8, position 0 to the limit (allocates; see encode())} */
    public ByteBuffer encodeJson() {
        try (EncodedEnvelope encoded = encode()) {
            return encoded.copyBytes();
        }
    }

    /** {@return the envelope as one line of compact JSON, exactly as it goes over the wire} */
    public String toJson() {
        try (EncodedEnvelope encoded = encode()) {
            return encoded.text();
        }
    }

    /** {@return the envelope indented by four spaces, like metlog-py's {@code json.dumps(indent=4)}, no final newline} */
    public String toPrettyJson() {
        return EnvelopeJson.toPrettyJson(this, this::countCut);
    }

    /** {@return the envelope as a new mutable map with the nine envelope keys, in wire order} */
    public Map<String, Object> toMap() {
        return EnvelopeJson.toMap(this);
    }

    @Override
    public String toString() {
        return toJson();
    }

    /** Builds a {@link Message}. Not thread-safe; intended for clients, senders and tests. */
    public static final class Builder {
        private final String type;
        private long timestampMicros = Timestamps.nowMicros();
        private String logger = "";
        private int severity = Severity.INFORMATIONAL;
        private String payload = "";
        private Map<String, ?> fields;
        private String envVersion = ENV_VERSION;
        private long pid = org.metlog.internal.HostInfo.pid();
        private String hostname = org.metlog.internal.HostInfo.hostname();
        private String statName;
        private double statRate = 1.0;

        private Builder(String type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        /**
         * Sets the creation time (default: now); a time outside the years 0000 to 9999, which an RFC 3339
         * timestamp cannot write, is refused with an {@link IllegalArgumentException}.
         * @param micros creation time in microseconds since the Unix epoch (UTC)
         * @return this builder
         */
        public Builder timestampMicros(long micros) {
            this.timestampMicros = Timestamps.checkWritable(micros, "timestampMicros(" + micros + ")");
            return this;
        }

        /**
         * Sets the logger (the source of the message). Default: "".
         *
         * @param logger the logger name; null means ""
         * @return this builder
         */
        public Builder logger(String logger) {
            this.logger = logger;
            return this;
        }

        /**
         * Sets the severity. Default: 6 (informational). Checked by {@link #build()}.
         *
         * @param severity 0 to 7
         * @return this builder
         */
        public Builder severity(int severity) {
            this.severity = severity;
            return this;
        }

        /**
         * Sets the payload. Default: "".
         *
         * @param payload the payload text; null means ""
         * @return this builder
         */
        public Builder payload(String payload) {
            this.payload = payload;
            return this;
        }

        /**
         * Sets the extra fields. Default: none.
         *
         * @param fields extra fields, copied by {@link #build()}; may be null
         * @return this builder
         */
        public Builder fields(Map<String, ?> fields) {
            this.fields = fields;
            return this;
        }

        /**
         * Sets the {@code name} and {@code rate} fields of a counter, timer or gauge.
         *
         * @param name the statistic's name
         * @param rate its sample rate
         * @return this builder
         */
        public Builder stat(String name, double rate) {
            this.statName = Objects.requireNonNull(name, "name");
            this.statRate = rate;
            return this;
        }

        /**
         * Sets the envelope version. Default: {@value #ENV_VERSION}.
         *
         * @param envVersion the envelope format version
         * @return this builder
         */
        public Builder envVersion(String envVersion) {
            this.envVersion = envVersion;
            return this;
        }

        /**
         * Sets the process id. Default: this JVM's process id.
         *
         * @param pid the process id
         * @return this builder
         */
        public Builder pid(long pid) {
            this.pid = pid;
            return this;
        }

        /**
         * Sets the host name. Default: this machine's host name.
         *
         * @param hostname the host name; null means ""
         * @return this builder
         */
        public Builder hostname(String hostname) {
            this.hostname = hostname;
            return this;
        }

        /**
         * Builds the message.
         *
         * @return a new message
         * @throws IllegalArgumentException if the severity is outside 0 to 7
         */
        public Message build() {
            return new Message(type, timestampMicros, logger, severity, payload, fields, statName, statRate,
                Origin.of(envVersion, pid, hostname));
        }
    }
}

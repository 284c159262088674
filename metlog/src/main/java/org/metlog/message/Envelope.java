package org.metlog.message;

import java.util.Map;

/**
 * What the encoder reads of a message: the nine envelope values, the fields without materialising the fast-path
 * {@code name} and {@code rate}. {@link Message} implements it and hands itself to {@link EnvelopeJson}, so the
 * encoder depends on this view and not on {@code Message} (which depends on the encoder). Implementations need
 * not be thread-safe; the encoder reads one on the calling thread only.
 */
interface Envelope {
    /** {@return the message type, never null} */
    String type();

    /** {@return the creation time in microseconds since the Unix epoch (UTC)} */
    long timestampMicros();

    /** {@return the logger name, never null} */
    String logger();

    /** {@return the severity, 0 to 7} */
    int severity();

    /** {@return the payload, never null} */
    String payload();

    /** {@return the field map as it is (without the fast-path name and rate while they live in their slots)} */
    Map<String, Object> rawFields();

    /** {@return the fast-path {@code name} field, or null if there is none or it lives in {@link #rawFields()}} */
    String statName();

    /** {@return the fast-path {@code rate} field; meaningful only when {@link #statName()} is non-null} */
    double statRate();

    /** {@return the envelope format version} */
    String envVersion();

    /** {@return the id of the process that created the message} */
    long pid();

    /** {@return the host name of the machine that created the message, never null} */
    String hostname();
}

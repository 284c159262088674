package org.metlog.senders.kafka;

import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.metlog.senders.kafka.InFlight.Outcome;

/** What one producer exception means for a record: how it is counted and the fixed problem it is reported as. */
enum Failure {
    TOO_LARGE(Outcome.TOO_LARGE, "KafkaSender: a record is larger than the producer or the topic accepts"),
    BUFFER_FULL(Outcome.QUEUE_FULL, "KafkaSender: the producer's buffer stayed full for max.block.ms"),
    NO_METADATA(Outcome.FAILED, "KafkaSender: the topic was not in the cluster's metadata within max.block.ms"
        + " (the topic is absent, or the cluster is unreachable)"),
    METADATA_MISSING(Outcome.FAILED, "KafkaSender: the topic's metadata was missing at the last try; failing at"
        + " once until the next try"),
    NO_TOPIC(Outcome.FAILED, "KafkaSender: the topic does not exist"),
    NOT_ACKNOWLEDGED(Outcome.FAILED, "KafkaSender: the cluster did not acknowledge a record"),
    AFTER_CLOSE(Outcome.QUEUE_FULL, "KafkaSender: a message was sent after close"),
    CLOSE_TIMEOUT(Outcome.QUEUE_FULL, "KafkaSender: records were still unacknowledged when the close timeout ran"
        + " out"),
    NOT_ENCODED(Outcome.FAILED, "KafkaSender: a message could not be made into a record (its key or value failed)"),
    REFUSED(Outcome.FAILED, "KafkaSender: the producer refused a record");

    final Outcome outcome;
    final String problem;

    Failure(Outcome outcome, String problem) {
        this.outcome = outcome;
        this.problem = problem;
    }

    /**
     * Classifies an exception that the producer gave for a record.
     *
     * @param error     the exception, not null
     * @param inSend    true if it came while {@code send} was running on the caller's thread
     * @param closing   true if the sender is closing (a forced close aborts what is left)
     * @return the failure
     */
    static Failure of(Exception error, boolean inSend, boolean closing) {
        if (error instanceof RecordTooLargeException) {
            return TOO_LARGE;
        }
        if (error instanceof BufferExhaustedException) {
            return BUFFER_FULL;
        }
        if (error instanceof TimeoutException) {
            return inSend ? NO_METADATA : NOT_ACKNOWLEDGED;
        }
        if (error instanceof UnknownTopicOrPartitionException) {
            return NO_TOPIC;
        }
        if (error instanceof IllegalStateException) {
            return AFTER_CLOSE;
        }
        if (closing && error instanceof KafkaException && !(error instanceof ApiException)) {
            return CLOSE_TIMEOUT;
        }
        return inSend ? REFUSED : NOT_ACKNOWLEDGED;
    }
}

/**
 * {@link org.metlog.senders.kafka.KafkaSender}: metlog envelopes as JSON records on a Kafka topic (the
 * {@code metlog-kafka} artifact, on {@code kafka-clients}).
 */
package org.metlog.senders.kafka;

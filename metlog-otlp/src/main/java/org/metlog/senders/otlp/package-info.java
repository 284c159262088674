/**
 * {@link org.metlog.senders.otlp.OtlpSender}: metlog messages to an OpenTelemetry Collector over OTLP/HTTP with
 * protobuf. In the artifact {@code io.github.metlog-java:metlog-otlp} (automatic module
 * {@code org.metlog.senders.otlp}), which brings {@code opentelemetry-proto} and {@code protobuf-java}; the
 * library itself depends on neither.
 */
package org.metlog.senders.otlp;

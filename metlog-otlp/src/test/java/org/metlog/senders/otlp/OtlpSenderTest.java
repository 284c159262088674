package org.metlog.senders.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.testing.Deadline;
import org.metlog.testing.RecordingErrorHandler;

/** What {@link OtlpSender} puts on the wire, decoded by a real receiver with the official OTLP classes. */
class OtlpSenderTest {
    private final OtlpReceiver receiver = OtlpReceiver.start();
    private final RecordingErrorHandler errors = new RecordingErrorHandler();

    @AfterEach
    void stop() {
        receiver.close();
    }

    private OtlpSender.Builder sender() {
        return OtlpSender.builder().endpoint(receiver.endpoint()).flushInterval(Duration.ofHours(1))
            .errorHandler(errors).environment(name -> null);
    }

    static Map<String, AnyValue> attributes(List<KeyValue> list) {
        Map<String, AnyValue> out = new LinkedHashMap<>();
        list.forEach(kv -> out.put(kv.getKey(), kv.getValue()));
        return out;
    }

    private static AnyValue text(String s) {
        return AnyValue.newBuilder().setStringValue(s).build();
    }

    @Test
    void a_log_message_is_a_log_record_with_severity_body_fields_type_logger_as_scope_and_the_service_name()
        throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("user", "alice");
        fields.put("attempt", 3);
        fields.put("ok", false);
        fields.put("tags", List.of("a", "b"));
        try (OtlpSender sender = sender().serviceName("checkout").build()) {
            sender.send(Message.builder(Message.TYPE_OLDSTYLE).logger("shop.cart").severity(3).payload("no stock")
                .fields(fields).timestampMicros(1_700_000_000_123_456L).pid(42).hostname("box").build());
            sender.flush();
            assertEquals(new DeliveryStats(1, 0, 0, 0, 0), sender.stats());
        }
        OtlpReceiver.Received request = receiver.received().get(0);
        assertEquals("POST", request.method());
        assertEquals("/v1/logs", request.path());
        assertEquals("application/x-protobuf", request.contentType());
        ResourceLogs resource = request.logs().getResourceLogs(0);
        assertEquals(Map.of("service.name", text("checkout"), "host.name", text("box"), "process.pid",
            AnyValue.newBuilder().setIntValue(42).build()), attributes(resource.getResource().getAttributesList()));
        ScopeLogs scope = resource.getScopeLogs(0);
        assertEquals("shop.cart", scope.getScope().getName());
        LogRecord record = scope.getLogRecords(0);
        assertEquals(1_700_000_000_123_456_000L, record.getTimeUnixNano());
        assertEquals(SeverityNumber.SEVERITY_NUMBER_ERROR, record.getSeverityNumber());
        assertEquals("error", record.getSeverityText());
        assertEquals(text("no stock"), record.getBody());
        Map<String, AnyValue> attrs = attributes(record.getAttributesList());
        assertEquals(text("oldstyle"), attrs.get("metlog.type"));
        assertEquals(text("alice"), attrs.get("user"));
        assertEquals(3, attrs.get("attempt").getIntValue());
        assertEquals(false, attrs.get("ok").getBoolValue());
        assertEquals(List.of(text("a"), text("b")), attrs.get("tags").getArrayValue().getValuesList());
    }

    @Test
    void a_custom_message_type_is_a_log_record_carrying_its_type() throws Exception {
        try (OtlpSender sender = sender().build()) {
            sender.send(Message.builder("deploy").logger("ops").severity(5).payload("v2 out").build());
            sender.flush();
        }
        LogRecord record = receiver.acceptedLogRecords().get(0);
        assertEquals(text("deploy"), attributes(record.getAttributesList()).get("metlog.type"));
        assertEquals(SeverityNumber.SEVERITY_NUMBER_INFO2, record.getSeverityNumber());
    }

    @Test
    void every_syslog_level_maps_to_its_documented_severity_number() throws Exception {
        List<SeverityNumber> expected = List.of(SeverityNumber.SEVERITY_NUMBER_FATAL2,
            SeverityNumber.SEVERITY_NUMBER_FATAL, SeverityNumber.SEVERITY_NUMBER_ERROR2,
            SeverityNumber.SEVERITY_NUMBER_ERROR, SeverityNumber.SEVERITY_NUMBER_WARN,
            SeverityNumber.SEVERITY_NUMBER_INFO2, SeverityNumber.SEVERITY_NUMBER_INFO,
            SeverityNumber.SEVERITY_NUMBER_DEBUG);
        try (OtlpSender sender = sender().build()) {
            for (int level = 0; level <= 7; level++) {
                sender.send(Message.builder(Message.TYPE_OLDSTYLE).logger("l").severity(level).payload("x").build());
            }
            sender.flush();
        }
        List<SeverityNumber> actual = receiver.acceptedLogRecords().stream().map(LogRecord::getSeverityNumber)
            .toList();
        assertEquals(expected, actual);
    }

    @Test
    void without_a_configured_service_name_it_is_OTEL_SERVICE_NAME_else_the_message_logger() throws Exception {
        try (OtlpSender fromEnv = sender().environment(n -> n.equals("OTEL_SERVICE_NAME") ? "billing" : null)
            .build(); OtlpSender fromLogger = sender().build()) {
            assertEquals("billing", fromEnv.serviceName());
            fromEnv.send(Message.builder("e").logger("app").payload("1").build());
            fromEnv.flush();
            fromLogger.send(Message.builder("e").logger("app").payload("2").build());
            fromLogger.send(Message.builder("e").logger("").payload("3").build());
            fromLogger.flush();
        }
        List<String> services = receiver.received().stream()
            .flatMap(r -> r.logs().getResourceLogsList().stream())
            .map(rl -> attributes(rl.getResource().getAttributesList()).get("service.name").getStringValue())
            .toList();
        assertEquals(List.of("billing", "app", "unknown_service:java"), services);
    }

    @Test
    void counters_are_delta_sums_scaled_by_their_rate_gauges_are_gauges_timers_are_histograms() throws Exception {
        try (OtlpSender sender = sender().histogramBounds(List.of(10.0, 100.0)).build()) {
            sender.send(Message.builder(Message.TYPE_COUNTER).logger("m").stat("logins", 1).payload("3").build());
            sender.send(Message.builder(Message.TYPE_COUNTER).logger("m").stat("sampled", 0.25).payload("2").build());
            sender.send(Message.builder(Message.TYPE_GAUGE).logger("m").stat("depth", 1).payload("4.5").build());
            sender.send(Message.builder(Message.TYPE_TIMER).logger("m").stat("latency", 1).payload("100").build());
            sender.flush();
            assertEquals(new DeliveryStats(4, 0, 0, 0, 0), sender.stats());
        }
        assertEquals("/v1/metrics", receiver.received().get(0).path());
        List<Metric> metrics = receiver.acceptedMetrics();
        assertEquals(List.of("logins", "sampled", "depth", "latency"), metrics.stream().map(Metric::getName).toList());
        Metric logins = metrics.get(0);
        assertEquals(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA, logins.getSum().getAggregationTemporality());
        assertTrue(logins.getSum().getIsMonotonic());
        assertEquals(3, logins.getSum().getDataPoints(0).getAsInt());
        NumberDataPoint sampled = metrics.get(1).getSum().getDataPoints(0);
        assertEquals(8, sampled.getAsInt(), "2 at a rate of 0.25 stands for 8");
        assertEquals(0.25, attributes(sampled.getAttributesList()).get("metlog.rate").getDoubleValue());
        assertEquals(4.5, metrics.get(2).getGauge().getDataPoints(0).getAsDouble());
        Metric latency = metrics.get(3);
        assertEquals("ms", latency.getUnit());
        HistogramDataPoint point = latency.getHistogram().getDataPoints(0);
        assertEquals(1, point.getCount());
        assertEquals(100.0, point.getSum());
        assertEquals(List.of(10.0, 100.0), point.getExplicitBoundsList());
        assertEquals(List.of(0L, 1L, 0L), point.getBucketCountsList(), "100 ms is in (10, 100]");
    }

    @Test
    void a_batch_is_exported_once_batch_size_messages_wait_without_a_flush() throws Exception {
        try (OtlpSender sender = sender().batchSize(3).build()) {
            for (int i = 0; i < 7; i++) {
                sender.send(Message.builder("e").logger("l").payload("m" + i).build());
            }
            assertTrue(receiver.awaitRequests(2), "two full batches exported");
            assertEquals(List.of(3, 3), receiver.received().stream()
                .map(r -> r.logs().getResourceLogs(0).getScopeLogs(0).getLogRecordsCount()).toList());
            sender.flush();
            assertEquals(7, receiver.acceptedLogRecords().size());
        }
    }

    @Test
    void messages_that_arrive_while_a_batch_is_exported_go_out_in_full_batches_only() throws Exception {
        CountDownLatch first = receiver.holdNext();
        CountDownLatch second = receiver.holdNext();
        try (OtlpSender sender = sender().batchSize(3).build()) {
            for (int i = 0; i < 3; i++) {
                sender.send(Message.builder("e").logger("l").payload("m" + i).build());
            }
            assertTrue(receiver.awaitHeldArrival(), "the first batch is being exported");
            for (int i = 3; i < 7; i++) { // four wait: one full batch and one more
                sender.send(Message.builder("e").logger("l").payload("m" + i).build());
            }
            first.countDown();
            assertTrue(receiver.awaitHeldArrival(), "the second batch is being exported");
            for (int i = 7; i < 9; i++) { // with the one left over, a full batch again
                sender.send(Message.builder("e").logger("l").payload("m" + i).build());
            }
            second.countDown();
            assertTrue(receiver.awaitRequests(3), "three full batches exported");
            assertEquals(List.of(3, 3, 3), receiver.received().stream()
                .map(r -> r.logs().getResourceLogs(0).getScopeLogs(0).getLogRecordsCount()).toList());
        }
    }

    @Test
    void a_waiting_message_is_exported_when_the_flush_interval_passes() throws Exception {
        try (OtlpSender sender = sender().flushInterval(Duration.ofMillis(20)).build()) {
            sender.send(Message.builder("e").logger("l").payload("late").build());
            assertTrue(receiver.awaitRequests(1), "exported without flush or a full batch");
            assertTrue(Deadline.await(Duration.ofSeconds(20), () -> sender.stats().sent() == 1));
        }
    }

    @Test
    void a_full_buffer_drops_new_messages_and_counts_them_as_dropped_queue_full() throws Exception {
        try (OtlpSender sender = sender().queueCapacity(2).batchSize(100).build()) {
            for (int i = 0; i < 5; i++) {
                sender.send(Message.builder("e").logger("l").payload("m" + i).build());
            }
            sender.flush();
            assertEquals(new DeliveryStats(2, 0, 3, 0, 0), sender.stats());
        }
        assertEquals(2, receiver.acceptedLogRecords().size());
        assertEquals(3, errors.count("too many messages are waiting"));
    }

    @Test
    void a_partial_success_counts_the_rejected_records_as_failed_and_the_rest_as_sent() throws Exception {
        byte[] partial = ExportLogsServiceResponse.newBuilder().setPartialSuccess(ExportLogsPartialSuccess
            .newBuilder().setRejectedLogRecords(2).setErrorMessage("too old")).build().toByteArray();
        receiver.script(OtlpReceiver.Answer.ok(partial));
        try (OtlpSender sender = sender().build()) {
            for (int i = 0; i < 5; i++) {
                sender.send(Message.builder("e").logger("l").payload("m" + i).build());
            }
            sender.flush();
            assertEquals(new DeliveryStats(3, 0, 0, 0, 2), sender.stats());
        }
        assertEquals(1, errors.count("rejected part of a request"));
        assertTrue(errors.errors().get(0).cause().getMessage().contains("too old"), errors.problems().toString());
    }

    @Test
    void a_metric_whose_payload_is_not_a_number_is_counted_as_failed_and_the_rest_of_its_batch_is_sent()
        throws Exception {
        try (OtlpSender sender = sender().build()) {
            sender.send(Message.builder(Message.TYPE_TIMER).logger("m").stat("t", 1).payload("fast").build());
            sender.send(Message.builder(Message.TYPE_TIMER).logger("m").stat("t", 1).payload("12").build());
            sender.flush();
            assertEquals(new DeliveryStats(1, 0, 0, 0, 1), sender.stats());
        }
        assertEquals(1, receiver.acceptedMetrics().size());
        assertEquals(1, errors.count("could not be expressed in OTLP"));
    }
}

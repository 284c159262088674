package org.metlog.senders.otlp;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metlog.message.Message;

/**
 * Turns one batch of messages into at most two OTLP requests, one for {@code /v1/logs} and one for
 * {@code /v1/metrics}. Messages are grouped by resource (service name, host name, process id) and, within it, by
 * logger, which is the instrumentation scope. A message that cannot be mapped (a metric without a name or with a
 * payload that is not a number) is left out and handed back, to be counted as failed.
 */
final class Requests {
    static final String LOGS_PATH = "/v1/logs";
    static final String METRICS_PATH = "/v1/metrics";
    /** The service name OpenTelemetry uses when none is known. */
    static final String UNKNOWN_SERVICE = "unknown_service:java";

    /** One request: where it goes, its protobuf bytes, and how many messages it carries. */
    record Part(String path, byte[] body, int messages, Message first) {
        boolean isLogs() {
            return LOGS_PATH.equals(path);
        }
    }

    /** A batch as requests, and the messages that could not be mapped, with why. */
    record Encoded(List<Part> parts, List<Message> unmappable, List<RuntimeException> reasons) {
    }

    private record ResourceKey(String service, String host, long pid) {
        Resource resource() {
            return Resource.newBuilder()
                .addAttributes(Attributes.string("service.name", service))
                .addAttributes(Attributes.string("host.name", host))
                .addAttributes(Attributes.integer("process.pid", pid))
                .build();
        }
    }

    private final String serviceName;
    private final List<Double> bounds;

    /**
     * @param serviceName the {@code service.name} of every resource, or null to use each message's logger
     * @param bounds      the timers' histogram bucket bounds, in milliseconds, ascending
     */
    Requests(String serviceName, List<Double> bounds) {
        this.serviceName = serviceName;
        this.bounds = List.copyOf(bounds);
    }

    Encoded encode(List<Message> batch) {
        Map<ResourceKey, Map<String, ScopeLogs.Builder>> logs = new LinkedHashMap<>();
        Map<ResourceKey, Map<String, ScopeMetrics.Builder>> metrics = new LinkedHashMap<>();
        List<Message> unmappable = new ArrayList<>();
        List<RuntimeException> reasons = new ArrayList<>();
        Message firstLog = null;
        Message firstMetric = null;
        int logCount = 0;
        int metricCount = 0;
        for (Message message : batch) {
            try {
                ResourceKey key = key(message);
                if (MetricPoints.isMetric(message.type())) {
                    scope(metrics, key, message.logger(), ScopeMetrics::newBuilder, ScopeMetrics.Builder::setScope)
                        .addMetrics(MetricPoints.of(message, bounds));
                    firstMetric = firstMetric == null ? message : firstMetric;
                    metricCount++;
                } else {
                    scope(logs, key, message.logger(), ScopeLogs::newBuilder, ScopeLogs.Builder::setScope)
                        .addLogRecords(LogRecords.of(message));
                    firstLog = firstLog == null ? message : firstLog;
                    logCount++;
                }
            } catch (RuntimeException | StackOverflowError e) {
                unmappable.add(message);
                reasons.add(e instanceof RuntimeException r ? r : new IllegalStateException(e));
            }
        }
        List<Part> parts = new ArrayList<>(2);
        if (logCount > 0) {
            ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
            logs.forEach((key, scopes) -> {
                ResourceLogs.Builder resource = ResourceLogs.newBuilder().setResource(key.resource());
                scopes.values().forEach(resource::addScopeLogs);
                request.addResourceLogs(resource);
            });
            parts.add(new Part(LOGS_PATH, request.build().toByteArray(), logCount, firstLog));
        }
        if (metricCount > 0) {
            ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
            metrics.forEach((key, scopes) -> {
                ResourceMetrics.Builder resource = ResourceMetrics.newBuilder().setResource(key.resource());
                scopes.values().forEach(resource::addScopeMetrics);
                request.addResourceMetrics(resource);
            });
            parts.add(new Part(METRICS_PATH, request.build().toByteArray(), metricCount, firstMetric));
        }
        return new Encoded(parts, unmappable, reasons);
    }

    private ResourceKey key(Message message) {
        String service = serviceName;
        if (service == null) {
            service = message.logger().isEmpty() ? UNKNOWN_SERVICE : message.logger();
        }
        return new ResourceKey(service, message.hostname(), message.pid());
    }

    private static <B> B scope(Map<ResourceKey, Map<String, B>> byResource, ResourceKey key, String logger,
        java.util.function.Supplier<B> create, java.util.function.BiFunction<B, InstrumentationScope, B> setScope) {
        return byResource.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(logger, name -> {
            B builder = create.get();
            setScope.apply(builder, InstrumentationScope.newBuilder().setName(name).build());
            return builder;
        });
    }
}

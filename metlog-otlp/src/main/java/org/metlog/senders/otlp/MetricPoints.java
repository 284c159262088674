package org.metlog.senders.otlp;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Sum;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.metlog.message.Message;

/**
 * A counter, gauge or timer message as one OTLP metric with one data point. Counters are delta sums (monotonic
 * unless the count is negative; a count sampled at a rate below 1 is scaled up by 1/rate, as statsd does), gauges
 * are gauges, timers are explicit-bucket delta histograms in milliseconds holding one observation. The message's
 * fields other than {@code name} and {@code rate} are the point's attributes; a sampled message also carries its
 * rate as {@value #RATE}.
 */
final class MetricPoints {
    static final String RATE = "metlog.rate";

    private MetricPoints() {
    }

    static boolean isMetric(String type) {
        return Message.TYPE_COUNTER.equals(type) || Message.TYPE_GAUGE.equals(type)
            || Message.TYPE_TIMER.equals(type);
    }

    /**
     * @throws IllegalArgumentException if the message has no name or its payload is not a number
     */
    static Metric of(Message message, List<Double> bounds) {
        Object name = message.field("name");
        if (!(name instanceof String text) || text.isEmpty()) {
            throw new IllegalArgumentException("a " + message.type() + " message without a name field");
        }
        double value = number(message.payload(), message.type());
        double rate = rate(message.field("rate"));
        long nanos = message.timestampMicros() * 1_000L;
        Metric.Builder metric = Metric.newBuilder().setName(text);
        switch (message.type()) {
            case Message.TYPE_COUNTER -> {
                NumberDataPoint.Builder point = point(message, nanos, rate);
                double scaled = rate < 1 ? value / rate : value;
                if (scaled == Math.rint(scaled) && Math.abs(scaled) < 0x1p63) {
                    point.setAsInt((long) scaled);
                } else {
                    point.setAsDouble(scaled);
                }
                metric.setSum(Sum.newBuilder().setAggregationTemporality(AGGREGATION_DELTA)
                    .setIsMonotonic(scaled >= 0).addDataPoints(point));
            }
            case Message.TYPE_GAUGE -> {
                NumberDataPoint.Builder point = point(message, nanos, rate);
                if (value == Math.rint(value) && Math.abs(value) < 0x1p63) {
                    point.setAsInt((long) value);
                } else {
                    point.setAsDouble(value);
                }
                metric.setGauge(Gauge.newBuilder().addDataPoints(point));
            }
            default -> metric.setUnit("ms").setHistogram(Histogram.newBuilder()
                .setAggregationTemporality(AGGREGATION_DELTA).addDataPoints(histogramPoint(message, nanos, rate,
                    value, bounds)));
        }
        return metric.build();
    }

    private static final AggregationTemporality AGGREGATION_DELTA =
        AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;

    private static NumberDataPoint.Builder point(Message message, long nanos, double rate) {
        NumberDataPoint.Builder point = NumberDataPoint.newBuilder().setStartTimeUnixNano(nanos)
            .setTimeUnixNano(nanos);
        point.addAllAttributes(attributes(message, rate));
        return point;
    }

    private static HistogramDataPoint.Builder histogramPoint(Message message, long nanos, double rate, double ms,
        List<Double> bounds) {
        HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder().setStartTimeUnixNano(nanos)
            .setTimeUnixNano(nanos).setCount(1).setSum(ms).setMin(ms).setMax(ms).addAllExplicitBounds(bounds);
        int bucket = bounds.size();
        for (int i = 0; i < bounds.size(); i++) {
            if (ms <= bounds.get(i)) { // OTLP buckets are upper-inclusive: (bound[i-1], bound[i]]
                bucket = i;
                break;
            }
        }
        for (int i = 0; i <= bounds.size(); i++) {
            point.addBucketCounts(i == bucket ? 1 : 0);
        }
        point.addAllAttributes(attributes(message, rate));
        return point;
    }

    private static List<KeyValue> attributes(Message message, double rate) {
        List<KeyValue> out = new ArrayList<>();
        // read as Map<?, ?>: a map given through a raw type may hold keys that are not strings
        for (Map.Entry<?, ?> field : ((Map<?, ?>) message.rawFields()).entrySet()) {
            String key = Attributes.describe(field.getKey());
            if (!"name".equals(key) && !"rate".equals(key)) {
                out.add(Attributes.of(key, field.getValue()));
            }
        }
        if (rate < 1) {
            out.add(Attributes.of(RATE, rate));
        }
        return out;
    }


    private static double number(String payload, String type) {
        try {
            double value = Double.parseDouble(payload.strip());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // described below
        }
        throw new IllegalArgumentException("a " + type + " message whose payload is not a finite number: '"
            + (payload.length() > 40 ? payload.substring(0, 40) + "..." : payload) + "'");
    }

    private static double rate(Object rate) {
        if (rate instanceof Number n) {
            double r = n.doubleValue();
            if (r > 0 && r < 1) {
                return r;
            }
        }
        return 1;
    }
}

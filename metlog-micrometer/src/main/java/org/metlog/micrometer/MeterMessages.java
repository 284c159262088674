package org.metlog.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.metlog.MetlogClient;

/**
 * Turns one meter's last step into metlog messages and sends them through the client: counters as
 * {@code counter}, gauges as {@code gauge}, timers and distribution summaries as one {@code timer} per step with
 * the step's statistics as fields. Idle counters and timers (nothing counted in the step) send nothing, and
 * gauges whose value is not a finite number are skipped, as Micrometer's other push registries do.
 */
final class MeterMessages {
    private static final TimeUnit MS = TimeUnit.MILLISECONDS;
    private static final String MS_UNIT = "ms";
    private static final double RATE = 1.0;

    private final MetlogClient client;

    MeterMessages(MetlogClient client) {
        this.client = client;
    }

    /**
     * Sends the step of one meter.
     *
     * @param name the meter's full metlog name
     * @param tags the meter's tags, through the naming convention
     */
    void send(Meter meter, String name, List<Tag> tags) {
        meter.use(
            gauge -> gauge(name, gauge.value(), new Fields(), tags),
            counter -> counter(name, counter, tags),
            timer -> timer(name, timer, tags),
            summary -> summary(name, summary, tags),
            longTask -> longTask(name, longTask, tags),
            timeGauge -> timeGauge(name, timeGauge, tags),
            functionCounter -> counter(name, functionCounter.count(), tags),
            functionTimer -> functionTimer(name, functionTimer, tags),
            other -> custom(name, other, tags));
    }

    private void counter(String name, Counter counter, List<Tag> tags) {
        counter(name, counter.count(), tags);
    }

    private void counter(String name, double count, List<Tag> tags) {
        if (count != 0 && Double.isFinite(count)) {
            send(MetlogClient.TYPE_COUNTER, name, count, new Fields(), tags);
        }
    }

    private void gauge(String name, double value, Fields fields, List<Tag> tags) {
        if (Double.isFinite(value)) {
            send(MetlogClient.TYPE_GAUGE, name, value, fields, tags);
        }
    }

    private void timeGauge(String name, TimeGauge gauge, List<Tag> tags) {
        gauge(name, gauge.value(MS), new Fields().unit(MS_UNIT), tags);
    }

    private void timer(String name, Timer timer, List<Tag> tags) {
        HistogramSnapshot step = timer.takeSnapshot();
        if (step.count() > 0) {
            Fields fields = new Fields().put("count", step.count()).putFinite("sum", step.total(MS))
                .putFinite("max", step.max(MS));
            for (ValueAtPercentile p : step.percentileValues()) {
                fields.putFinite(Fields.percentileKey(p.percentile()), p.value(MS));
            }
            send(MetlogClient.TYPE_TIMER, name, step.mean(MS), fields.unit(MS_UNIT), tags);
        }
    }

    private void summary(String name, DistributionSummary summary, List<Tag> tags) {
        HistogramSnapshot step = summary.takeSnapshot();
        if (step.count() > 0) {
            Fields fields = new Fields().put("count", step.count()).putFinite("sum", step.total())
                .putFinite("max", step.max());
            for (ValueAtPercentile p : step.percentileValues()) {
                fields.putFinite(Fields.percentileKey(p.percentile()), p.value());
            }
            send(MetlogClient.TYPE_TIMER, name, step.mean(), fields.unit(summary.getId().getBaseUnit()), tags);
        }
    }

    private void functionTimer(String name, FunctionTimer timer, List<Tag> tags) {
        double count = timer.count();
        double total = timer.totalTime(MS);
        if (count > 0 && Double.isFinite(count) && Double.isFinite(total)) {
            Fields fields = new Fields().put("count", Decimals.number(count)).put("sum", total);
            send(MetlogClient.TYPE_TIMER, name, total / count, fields.unit(MS_UNIT), tags);
        }
    }

    private void longTask(String name, LongTaskTimer timer, List<Tag> tags) {
        Fields fields = new Fields().putFinite("duration", timer.duration(MS)).putFinite("max", timer.max(MS));
        for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
            fields.putFinite(Fields.percentileKey(p.percentile()), p.value(MS));
        }
        gauge(name, timer.activeTasks(), fields.unit(MS_UNIT), tags);
    }

    /** A meter of a kind Micrometer does not know: one gauge per measurement, named after its statistic. */
    private void custom(String name, Meter meter, List<Tag> tags) {
        for (Measurement measurement : meter.measure()) {
            String statistic = measurement.getStatistic().getTagValueRepresentation();
            gauge(name + "." + statistic, measurement.getValue(), new Fields(), tags);
        }
    }

    private void send(String type, String name, double value, Fields fields, List<Tag> tags) {
        client.sendStat(type, name, Decimals.format(value), RATE, null, null, fields.withTags(tags));
    }
}

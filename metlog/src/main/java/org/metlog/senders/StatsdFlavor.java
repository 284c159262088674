package org.metlog.senders;

import java.util.Locale;

/**
 * The statsd dialect a {@link StatsdSender} writes: plain etsy statsd lines, or one of the two widespread
 * extensions that carry tags. Option {@code flavor} ({@code sender_flavor} in INI) names it.
 */
public enum StatsdFlavor {
    /** Etsy statsd: {@code name:1|c|@0.5}, no tags. The default. */
    ETSY("etsy"),
    /** DogStatsD (Datadog): tags after the rate, {@code name:1|c|@0.5|#env:prod,region:eu}. */
    DATADOG("datadog"),
    /** InfluxDB / Telegraf: tags after the name, {@code name,env=prod,region=eu:1|c|@0.5}. */
    INFLUX("influx");

    /** The words option {@code flavor} accepts, for messages. */
    static final String CHOICES = "etsy, datadog, influx or telegraf (an alias of influx)";

    private final String word;

    StatsdFlavor(String word) {
        this.word = word;
    }

    /** {@return the word that names this flavor in configuration} */
    public String word() {
        return word;
    }

    /** {@return true if lines of this flavor carry tags} */
    public boolean hasTags() {
        return this != ETSY;
    }

    /**
     * Reads a flavor's name, case-insensitively; {@code telegraf} is an alias of {@link #INFLUX}.
     *
     * @param word the name
     * @return the flavor, or null if {@code word} names none
     */
    public static StatsdFlavor named(String word) {
        String w = word == null ? "" : word.strip().toLowerCase(Locale.ROOT);
        return switch (w) {
            case "etsy" -> ETSY;
            case "datadog" -> DATADOG;
            case "influx", "telegraf" -> INFLUX;
            default -> null;
        };
    }
}

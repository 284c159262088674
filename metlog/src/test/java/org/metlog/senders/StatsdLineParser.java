package org.metlog.senders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads statsd lines back as a server of each flavor would: the name, value, type, rate and tags. Written for the
 * tests from the formats' descriptions, independently of {@link StatsdLines} and {@link StatsdTags}.
 */
final class StatsdLineParser {
    /** One parsed line; {@code tags} in order, a bare DogStatsD tag with a null value; {@code rate} 1 if absent. */
    record Line(String name, String value, String type, double rate, Map<String, String> tags) {
    }

    private StatsdLineParser() {
    }

    /** Parses {@code name:value|type[|@rate][|#k:v,k2,...]}; a bare tag has a null value. */
    static Line datadog(String line) {
        String[] parts = line.split("\\|", -1);
        int colon = parts[0].indexOf(':');
        double rate = 1;
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 2; i < parts.length; i++) {
            if (parts[i].startsWith("@")) {
                rate = Double.parseDouble(parts[i].substring(1));
            } else if (parts[i].startsWith("#")) {
                for (String tag : parts[i].substring(1).split(",", -1)) {
                    int sep = tag.indexOf(':');
                    put(tags, sep < 0 ? tag : tag.substring(0, sep), sep < 0 ? null : tag.substring(sep + 1));
                }
            } else {
                throw new IllegalArgumentException("unexpected part '" + parts[i] + "' in " + line);
            }
        }
        return new Line(parts[0].substring(0, colon), parts[0].substring(colon + 1), parts[1], rate, tags);
    }

    /** Parses {@code name[,k=v,...]:value|type[|@rate]}, with InfluxDB's backslash escapes in the name and tags. */
    static Line influx(String line) {
        int colon = line.indexOf(':');
        List<String> bucket = splitUnescaped(line.substring(0, colon), ',');
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : bucket.subList(1, bucket.size())) {
            List<String> kv = splitUnescaped(tag, '=');
            if (kv.size() != 2) {
                throw new IllegalArgumentException("tag '" + tag + "' is not key=value in " + line);
            }
            put(tags, unescape(kv.get(0)), unescape(kv.get(1)));
        }
        String[] parts = line.substring(colon + 1).split("\\|", -1);
        double rate = parts.length > 2 ? Double.parseDouble(parts[2].substring(1)) : 1;
        if (parts.length > 3) {
            throw new IllegalArgumentException("unexpected parts in " + line);
        }
        return new Line(unescape(bucket.get(0)), parts[0], parts[1], rate, tags);
    }

    /** Parses a plain etsy line, which has no tags. */
    static Line etsy(String line) {
        Line l = influx(line);
        if (!l.tags().isEmpty() || line.contains("#")) {
            throw new IllegalArgumentException("an etsy line with tags: " + line);
        }
        return l;
    }

    private static void put(Map<String, String> tags, String key, String value) {
        if (tags.containsKey(key)) {
            throw new IllegalArgumentException("tag '" + key + "' twice");
        }
        tags.put(key, value);
    }

    private static List<String> splitUnescaped(String text, char separator) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == separator) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && ",= ".indexOf(text.charAt(i + 1)) >= 0) {
                c = text.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}

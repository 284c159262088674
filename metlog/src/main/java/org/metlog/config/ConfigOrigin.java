package org.metlog.config;

import java.util.List;
import java.util.Map;
import org.metlog.internal.Quoting;

/**
 * Where a configuration map came from, so that messages name what the user wrote: the file, section and INI
 * option names for a map converted from INI, or the map's keys for a map given in code.
 */
final class ConfigOrigin {
    private final String where;
    private final String source;
    private final String mainSection;
    private final List<String> filterSections;
    private final Map<String, String> pluginSections;

    private ConfigOrigin(String where, String source, String mainSection, List<String> filterSections,
                         Map<String, String> pluginSections) {
        this.where = where;
        this.source = source;
        this.mainSection = mainSection;
        this.filterSections = filterSections;
        this.pluginSections = pluginSections;
    }

    /** {@return the origin of a map given in code} */
    static ConfigOrigin map() {
        return new ConfigOrigin("configuration map", null, null, List.of(), Map.of());
    }

    /**
     * Returns the origin of a map converted from INI.
     *
     * @param source         the file name or "INI text"
     * @param section        the main section
     * @param filterSections the filter section names, in the order of the map's {@code filters}
     * @param pluginSections plugin map key to its section name
     * @return the origin
     */
    static ConfigOrigin ini(String source, String section, List<String> filterSections,
                            Map<String, String> pluginSections) {
        return new ConfigOrigin(source + " [" + section + "]", source, section, List.copyOf(filterSections),
            Map.copyOf(pluginSections));
    }

    boolean isIni() {
        return mainSection != null;
    }

    /** {@return the main section or the map, e.g. {@code metlog.ini [metlog]}} */
    String where() {
        return where;
    }

    /** {@return how a sender key is written, e.g. {@code sender_class} or {@code sender.class}} */
    String senderKey(String key) {
        return isIni() ? "sender_" + key : "sender." + key;
    }

    /** {@return the INI section of the default fields, e.g. {@code [metlog_fields]}} */
    String fieldsSection() {
        return "[" + mainSection + "_fields]";
    }

    /**
     * {@return where default field {@code name} is and how it is written, e.g. {@code metlog.ini [metlog_fields]:
     *     option env} or {@code configuration map: option fields.env}}
     */
    String field(String name) {
        return isIni() ? source + " " + fieldsSection() + ": option " + Quoting.cap(name)
            : where + ": option fields." + Quoting.cap(name);
    }

    /** {@return the prefix shown before sender option names in messages} */
    String senderOptionPrefix() {
        return isIni() ? "sender_" : "";
    }

    /** {@return the context of the sender's options} */
    String sender(String className) {
        return where + " sender " + className;
    }

    /** {@return where filter {@code index} was configured} */
    String filter(int index) {
        if (isIni() && index < filterSections.size()) {
            return source + " [" + filterSections.get(index) + "]";
        }
        return where + " filters[" + index + "]";
    }

    /** {@return where plugin {@code key} was configured} */
    String plugin(String key) {
        String section = pluginSections.get(key);
        if (isIni() && section != null) {
            return source + " [" + section + "]";
        }
        return where + " plugins['" + key + "']";
    }

    /** {@return the sections of the INI form of {@code key} ("filters", "plugins"), for hints} */
    String sectionPattern(String kind) {
        return "[" + mainSection + "_" + kind + "_NAME]";
    }
}

package org.metlog.config;

import java.util.Map;

/**
 * Which artifact holds a sender that lives in a module of its own, so that naming one whose jar is missing says
 * what to add instead of only "unknown class". Names only: the library depends on none of these modules.
 */
final class SenderArtifacts {
    private static final Map<String, String> BY_PACKAGE = Map.of(
        "org.metlog.senders.kafka.", "io.github.metlog-java:metlog-kafka",
        "org.metlog.senders.otlp.", "io.github.metlog-java:metlog-otlp");

    private SenderArtifacts() {
    }

    /** {@return " (add the artifact ... to the class path)" for a class of a separate module, else ""} */
    static String hint(String className) {
        for (Map.Entry<String, String> e : BY_PACKAGE.entrySet()) {
            if (className.startsWith(e.getKey())) {
                return " (it is in the artifact " + e.getValue() + ", which is not on the class path: add it,"
                    + " at the version metlog-bom names)";
            }
        }
        return "";
    }
}

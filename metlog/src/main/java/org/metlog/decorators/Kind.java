package org.metlog.decorators;

/** The two decorators, by the names {@code disabled_decorators} uses. */
enum Kind {
    TIMEIT("timeit", "@Timeit"),
    INCR_COUNT("incr_count", "@IncrCount");

    /** The name in the global {@code disabled_decorators} setting, as in metlog-py. */
    final String configName;
    /** The annotation, for messages. */
    final String annotation;

    Kind(String configName, String annotation) {
        this.configName = configName;
        this.annotation = annotation;
    }
}

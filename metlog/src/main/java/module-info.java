/**
 * metlog-java: a client for the Metlog logging and metrics system, a port of metlog-py.
 *
 * <p>Exported: the client facade ({@code org.metlog}), the message ({@code org.metlog.message}), the interfaces
 * implementers of senders, filters, formatters and plugins use ({@code org.metlog.spi}), the built-in senders and
 * filters, the configuration loader, the logging bridges and the decorators. Not exported: {@code
 * org.metlog.internal} (utilities whose shape may change in any release). The command line is a module of its
 * own, {@code metlog-cli}.
 *
 * <p>Jackson is always needed. JeroMQ (the ZeroMQ senders), SLF4J and Logback (the SLF4J sender and
 * the Logback appender) and msgpack (the logd sender) are optional: required only at compile time here, so an
 * application that uses one of those parts must put the library on its module path and read it (a
 * {@code requires} of its own, or {@code --add-modules}).
 */
module org.metlog {
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    // MetlogHandler, a public class, extends java.util.logging.Handler
    requires transitive java.logging;

    requires static org.zeromq.jeromq;
    requires static org.slf4j;
    // MetlogAppender, a public class, extends Logback's UnsynchronizedAppenderBase<ILoggingEvent>
    requires static transitive ch.qos.logback.classic;
    requires static transitive ch.qos.logback.core;
    // msgpack-core has no module name of its own: this is the automatic module named after its jar
    requires static msgpack.core;

    exports org.metlog;
    exports org.metlog.message;
    exports org.metlog.spi;
    exports org.metlog.senders;
    exports org.metlog.senders.zmq;
    exports org.metlog.filters;
    exports org.metlog.config;
    exports org.metlog.logging;
    exports org.metlog.decorators;
}

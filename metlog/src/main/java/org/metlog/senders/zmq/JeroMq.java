package org.metlog.senders.zmq;

import org.metlog.spi.ConfigurationException;

/** Checks that JeroMQ is on the classpath before any class that uses it is loaded. */
final class JeroMq {
    /** The Maven coordinates users must add. */
    static final String DEPENDENCY = "org.zeromq:jeromq";

    private JeroMq() {
    }

    /**
     * Fails unless JeroMQ can be loaded by the class loader of this package.
     *
     * @param sender the sender being built, for the message
     * @throws ConfigurationException naming the Maven dependency to add
     */
    static void require(String sender) {
        try {
            Class.forName("org.zeromq.ZMQ", false, JeroMq.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException(sender + " needs JeroMQ, which is not on the classpath: add the Maven"
                + " dependency " + DEPENDENCY + " (0.6.0 or later): <dependency><groupId>org.zeromq</groupId>"
                + "<artifactId>jeromq</artifactId><version>0.6.0</version></dependency>");
        }
    }
}

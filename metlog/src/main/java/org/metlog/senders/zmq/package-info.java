/**
 * ZeroMQ senders on JeroMQ: {@link org.metlog.senders.zmq.ZmqPubSender} and
 * {@link org.metlog.senders.zmq.ZmqHandshakePubSender} (metlog-py's {@code metlog.senders.zmq}).
 *
 * <p>JeroMQ ({@code org.zeromq:jeromq}) is an optional dependency: nothing outside this package refers to these
 * classes, and building one of them without JeroMQ on the classpath fails with a
 * {@link org.metlog.spi.ConfigurationException} naming the Maven dependency to add. The public classes check
 * for JeroMQ before any class that uses it is loaded.
 */
package org.metlog.senders.zmq;

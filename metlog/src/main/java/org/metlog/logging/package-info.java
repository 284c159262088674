/**
 * Bridges between metlog and logging frameworks.
 *
 * <p>Into metlog: {@link org.metlog.logging.MetlogHandler} (a {@code java.util.logging} handler, installed with
 * {@link org.metlog.logging.MetlogLogging#hookLogger}) and {@link org.metlog.logging.MetlogAppender} (a Logback
 * appender); both, and bridges for other frameworks such as {@code metlog-log4j2}, send through
 * {@link org.metlog.logging.LogBridge}, which copies the event's context ({@link org.metlog.logging.LogContext})
 * and maps its level ({@link org.metlog.logging.LogLevels}). Out of metlog:
 * {@link org.metlog.logging.Slf4jLoggingSender}; the {@code java.util.logging} sender is
 * {@link org.metlog.senders.StdLibLoggingSender}.
 *
 * <p>Only {@code MetlogAppender} and {@code Slf4jLoggingSender} use SLF4J and Logback, which are optional
 * dependencies of metlog: nothing outside this package refers to them. Messages never loop: see
 * {@link org.metlog.logging.LogBridge}.
 */
package org.metlog.logging;

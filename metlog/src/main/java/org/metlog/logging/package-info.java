/**
 * Bridges between metlog and logging frameworks.
 *
 * <p>Into metlog: {@link org.metlog.logging.MetlogHandler} (a {@code java.util.logging} handler, installed with
 * {@link org.metlog.logging.MetlogLogging#hookLogger}) and {@link org.metlog.logging.MetlogAppender} (a Logback
 * appender). Out of metlog: {@link org.metlog.logging.Slf4jLoggingSender}; the {@code java.util.logging} sender is
 * {@link org.metlog.senders.StdLibLoggingSender}.
 *
 * <p>Only {@code MetlogAppender} and {@code Slf4jLoggingSender} use SLF4J and Logback, which are optional
 * dependencies of metlog: nothing outside this package refers to them. Messages never loop: see
 * {@link org.metlog.internal.LoopGuard}.
 */
package org.metlog.logging;

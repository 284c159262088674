/**
 * A Log4j2 appender into metlog: {@link org.metlog.log4j2.MetlogAppender}, the {@code <Metlog>} element of
 * {@code log4j2.xml}. Found by Log4j2 through the plugin descriptor in this jar; needs {@code log4j-core}.
 */
package org.metlog.log4j2;

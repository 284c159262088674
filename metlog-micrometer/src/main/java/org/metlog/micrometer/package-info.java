/**
 * Micrometer meters sent as metlog messages: {@link org.metlog.micrometer.MetlogMeterRegistry}, built from a
 * {@link org.metlog.MetlogClient} and a {@link org.metlog.micrometer.MetlogRegistryConfig}, and the naming
 * convention it uses, {@link org.metlog.micrometer.MetlogNamingConvention}.
 */
package org.metlog.micrometer;

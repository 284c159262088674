package org.metlog.decorators;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts every call of an interface method with a metlog counter (metlog-py's {@code incr_count} decorator), once
 * the implementation is wrapped with {@link Decorators#instrument(Class, Object)}. Calls that throw are counted too.
 *
 * <pre>{@code
 * public interface Orders {
 *     @IncrCount                               // counter "com.example.Orders.place"
 *     @Timeit                                  // both: a counter and a timer message per call
 *     Receipt place(Order order);
 *
 *     @IncrCount(value = "orders.cancelled", logger = "audit", severity = 4, fields = {"source=api"})
 *     void cancel(String id);
 * }
 * }</pre>
 *
 * <p>The decision to count is made at the method's first call with a configured client, as for
 * {@link Decorators#incrCount(String)}; {@code disabled_decorators = incr_count} turns it off.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface IncrCount {
    /** {@return the counter name; "" (the default) means the method's {@code package.Interface.method}} */
    String name() default "";

    /** @return the counter name, as a shorthand for {@link #name()}: {@code @IncrCount("logins")} */
    String value() default "";

    /** {@return how much each call adds, 0 or more (default 1)} */
    long count() default 1;

    /** {@return the sample rate, 0 to 1 (default 1: every call)} */
    double rate() default 1.0;

    /** {@return the {@link org.metlog.ClientHolder} client to use; "" (the default) means the holder's default} */
    String clientName() default "";

    /** {@return the logger of each counter message; "" (the default) means the client's default logger} */
    String logger() default "";

    /**
     * {@return the severity of each counter message, 0 to 7 (RFC 5424); -1 (the default) means the client's default
     *     severity. Any other value fails at {@link Decorators#instrument(Class, Object)} time.}
     */
    int severity() default -1;

    /**
     * {@return extra fields of each counter message as {@code "key=value"} pairs, such as
     *     {@code fields = {"region=eu", "tier=gold"}}: split at the first {@code =}, key and value trimmed, values
     *     sent as strings; none by default. A pair without {@code =}, with an empty key, or repeating a key fails at
     *     {@link Decorators#instrument(Class, Object)} time.}
     */
    String[] fields() default {};
}

package org.metlog.decorators;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Times every call of an interface method with a metlog timer (metlog-py's {@code timeit} decorator), once the
 * implementation is wrapped with {@link Decorators#instrument(Class, Object)}. Failed calls are timed too.
 *
 * <pre>{@code
 * public interface Orders {
 *     @Timeit                                  // timer "com.example.Orders.place"
 *     Receipt place(Order order);
 *
 *     @Timeit(name = "orders.lookup", rate = 0.1)
 *     Order find(String id);
 *
 *     @Timeit(logger = "orders", severity = 5, fields = {"region=eu"})   // message logger, severity, fields
 *     void export();
 * }
 * Orders orders = Decorators.instrument(Orders.class, new OrdersImpl());
 * }</pre>
 *
 * <p>The decision to time is made at the method's first call with a configured client, as for
 * {@link Decorators#timeit(String)}; {@code disabled_decorators = timeit}, or the timer's name or {@code *} among
 * the client's disabled timers, turn it off.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Timeit {
    /** {@return the timer name; "" (the default) means the method's {@code package.Interface.method}} */
    String name() default "";

    /** @return the timer name, as a shorthand for {@link #name()}: {@code @Timeit("db.query")} */
    String value() default "";

    /** {@return the sample rate, 0 to 1 (default 1: every call)} */
    double rate() default 1.0;

    /** {@return the {@link org.metlog.ClientHolder} client to use; "" (the default) means the holder's default} */
    String clientName() default "";

    /** {@return the logger of each timer message; "" (the default) means the client's default logger} */
    String logger() default "";

    /**
     * {@return the severity of each timer message, 0 to 7 (RFC 5424); -1 (the default) means the client's default
     *     severity. Any other value fails at {@link Decorators#instrument(Class, Object)} time.}
     */
    int severity() default -1;

    /**
     * {@return extra fields of each timer message as {@code "key=value"} pairs, such as
     *     {@code fields = {"region=eu", "tier=gold"}}: split at the first {@code =}, key and value trimmed, values
     *     sent as strings; none by default. A pair without {@code =}, with an empty key, or repeating a key fails at
     *     {@link Decorators#instrument(Class, Object)} time.}
     */
    String[] fields() default {};
}

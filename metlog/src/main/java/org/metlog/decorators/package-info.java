/**
 * Timing and counting decorators whose behaviour is fixed only once configuration has loaded (metlog-py's
 * {@code metlog.decorators}): {@link org.metlog.decorators.Decorators#timeit(String)} and
 * {@link org.metlog.decorators.Decorators#incrCount(String)} wrap Runnables, Callables, Suppliers and Functions;
 * the {@link org.metlog.decorators.Timeit} and {@link org.metlog.decorators.IncrCount} annotations do the same for
 * interface methods through {@link org.metlog.decorators.Decorators#instrument(Class, Object)}.
 */
package org.metlog.decorators;

package org.metlog.decorators;

import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The wrappers {@code Decorator} returns. Each keeps the code it runs in a {@link Binding}: undecided at first,
 * then the wrapped task itself (inactive) or the task inside its {@link Around} (active), so that after the
 * decision an inactive wrapper costs one field read and the task's own call.
 */
final class Wrappers {
    private Wrappers() {
    }

    /** Lets tests see what a wrapper runs once decided. */
    interface Bindable {
        /** {@return null while undecided, the wrapped task itself when inactive, else the active code} */
        Object boundCode();
    }

    /**
     * The deferred decision of one wrapper: which code to run, fixed the first time a configured client is found.
     *
     * @param <F> the functional interface wrapped
     */
    static final class Binding<F> {
        private final F task;
        private final LazyAround lazy;
        private final String spec;
        private final BiFunction<F, Around, F> wrap;
        private volatile F bound;

        /**
         * @param spec describes the decorator, such as {@code timeit('jobs.nightly')}, for {@link #toString()}
         */
        Binding(F task, LazyAround lazy, String spec, BiFunction<F, Around, F> wrap) {
            this.task = task;
            this.lazy = lazy;
            this.spec = spec;
            this.wrap = wrap;
        }

        /** {@return the code to run now: the decided code, or the plain task while no client is configured} */
        F code() {
            F decided = bound;
            if (decided != null) {
                return decided;
            }
            Around around = lazy.current();
            if (around == null) {
                return task;
            }
            F code = around == Around.NONE ? task : wrap.apply(task, around);
            bound = code;
            return code;
        }

        F bound() {
            return bound;
        }

        @Override
        public String toString() {
            return spec + " of " + task;
        }
    }

    static final class DecoratedRunnable implements Runnable, Bindable {
        private final Binding<Runnable> binding;

        DecoratedRunnable(Runnable task, LazyAround lazy, String spec) {
            binding = new Binding<>(task, lazy, spec, (t, around) -> () -> {
                Object token = around.before();
                try {
                    t.run();
                } finally {
                    around.after(token);
                }
            });
        }

        @Override
        public void run() {
            binding.code().run();
        }

        @Override
        public Object boundCode() {
            return binding.bound();
        }

        @Override
        public String toString() {
            return binding.toString();
        }
    }

    static final class DecoratedCallable<T> implements Callable<T>, Bindable {
        private final Binding<Callable<T>> binding;

        DecoratedCallable(Callable<T> task, LazyAround lazy, String spec) {
            binding = new Binding<>(task, lazy, spec, (t, around) -> () -> {
                Object token = around.before();
                try {
                    return t.call();
                } finally {
                    around.after(token);
                }
            });
        }

        @Override
        public T call() throws Exception {
            return binding.code().call();
        }

        @Override
        public Object boundCode() {
            return binding.bound();
        }

        @Override
        public String toString() {
            return binding.toString();
        }
    }

    static final class DecoratedSupplier<T> implements Supplier<T>, Bindable {
        private final Binding<Supplier<T>> binding;

        DecoratedSupplier(Supplier<T> task, LazyAround lazy, String spec) {
            binding = new Binding<>(task, lazy, spec, (t, around) -> () -> {
                Object token = around.before();
                try {
                    return t.get();
                } finally {
                    around.after(token);
                }
            });
        }

        @Override
        public T get() {
            return binding.code().get();
        }

        @Override
        public Object boundCode() {
            return binding.bound();
        }

        @Override
        public String toString() {
            return binding.toString();
        }
    }

    static final class DecoratedFunction<T, R> implements Function<T, R>, Bindable {
        private final Binding<Function<T, R>> binding;

        DecoratedFunction(Function<T, R> task, LazyAround lazy, String spec) {
            binding = new Binding<>(task, lazy, spec, (t, around) -> argument -> {
                Object token = around.before();
                try {
                    return t.apply(argument);
                } finally {
                    around.after(token);
                }
            });
        }

        @Override
        public R apply(T argument) {
            return binding.code().apply(argument);
        }

        @Override
        public Object boundCode() {
            return binding.bound();
        }

        @Override
        public String toString() {
            return binding.toString();
        }
    }
}

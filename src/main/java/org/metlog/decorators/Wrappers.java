package org.metlog.decorators;

import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The wrappers {@link Decorator} returns. Each keeps the code it runs in a volatile field: null until decided,
 * then the wrapped task itself (inactive) or the task inside its {@link Around} (active), so that after the
 * decision an inactive wrapper costs one field read and the task's own call.
 */
final class Wrappers {
    private Wrappers() {
    }

    /** Lets tests see what a wrapper runs once decided. */
    interface Bindable {
        /** @return null while undecided, the wrapped task itself when inactive, else the active code */
        Object boundCode();
    }

    static final class DecoratedRunnable implements Runnable, Bindable {
        private final Runnable task;
        private final LazyAround lazy;
        private final Decorator spec;
        private volatile Runnable bound;

        DecoratedRunnable(Runnable task, LazyAround lazy, Decorator spec) {
            this.task = task;
            this.lazy = lazy;
            this.spec = spec;
        }

        @Override
        public void run() {
            Runnable b = bound;
            (b != null ? b : bind()).run();
        }

        private Runnable bind() {
            Around around = lazy.current();
            if (around == null) {
                return task;
            }
            Runnable b = around == Around.NONE ? task : () -> {
                Object token = around.before();
                try {
                    task.run();
                } finally {
                    around.after(token);
                }
            };
            bound = b;
            return b;
        }

        @Override
        public Object boundCode() {
            return bound;
        }

        @Override
        public String toString() {
            return spec + " of " + task;
        }
    }

    static final class DecoratedCallable<T> implements Callable<T>, Bindable {
        private final Callable<T> task;
        private final LazyAround lazy;
        private final Decorator spec;
        private volatile Callable<T> bound;

        DecoratedCallable(Callable<T> task, LazyAround lazy, Decorator spec) {
            this.task = task;
            this.lazy = lazy;
            this.spec = spec;
        }

        @Override
        public T call() throws Exception {
            Callable<T> b = bound;
            return (b != null ? b : bind()).call();
        }

        private Callable<T> bind() {
            Around around = lazy.current();
            if (around == null) {
                return task;
            }
            Callable<T> b = around == Around.NONE ? task : () -> {
                Object token = around.before();
                try {
                    return task.call();
                } finally {
                    around.after(token);
                }
            };
            bound = b;
            return b;
        }

        @Override
        public Object boundCode() {
            return bound;
        }

        @Override
        public String toString() {
            return spec + " of " + task;
        }
    }

    static final class DecoratedSupplier<T> implements Supplier<T>, Bindable {
        private final Supplier<T> task;
        private final LazyAround lazy;
        private final Decorator spec;
        private volatile Supplier<T> bound;

        DecoratedSupplier(Supplier<T> task, LazyAround lazy, Decorator spec) {
            this.task = task;
            this.lazy = lazy;
            this.spec = spec;
        }

        @Override
        public T get() {
            Supplier<T> b = bound;
            return (b != null ? b : bind()).get();
        }

        private Supplier<T> bind() {
            Around around = lazy.current();
            if (around == null) {
                return task;
            }
            Supplier<T> b = around == Around.NONE ? task : () -> {
                Object token = around.before();
                try {
                    return task.get();
                } finally {
                    around.after(token);
                }
            };
            bound = b;
            return b;
        }

        @Override
        public Object boundCode() {
            return bound;
        }

        @Override
        public String toString() {
            return spec + " of " + task;
        }
    }

    static final class DecoratedFunction<T, R> implements Function<T, R>, Bindable {
        private final Function<T, R> task;
        private final LazyAround lazy;
        private final Decorator spec;
        private volatile Function<T, R> bound;

        DecoratedFunction(Function<T, R> task, LazyAround lazy, Decorator spec) {
            this.task = task;
            this.lazy = lazy;
            this.spec = spec;
        }

        @Override
        public R apply(T argument) {
            Function<T, R> b = bound;
            return (b != null ? b : bind()).apply(argument);
        }

        private Function<T, R> bind() {
            Around around = lazy.current();
            if (around == null) {
                return task;
            }
            Function<T, R> b = around == Around.NONE ? task : arg -> {
                Object token = around.before();
                try {
                    return task.apply(arg);
                } finally {
                    around.after(token);
                }
            };
            bound = b;
            return b;
        }

        @Override
        public Object boundCode() {
            return bound;
        }

        @Override
        public String toString() {
            return spec + " of " + task;
        }
    }
}

package org.metlog.decorators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;

class DecoratorsTest {
    private final DebugCaptureSender capture = new DebugCaptureSender();
    private final AtomicInteger runs = new AtomicInteger();

    @BeforeEach
    @AfterEach
    void resetHolder() {
        ClientHolder.clear();
    }

    private MetlogClient configuredDefault() {
        MetlogClient client = ClientHolder.get("app");
        client.setup(capture, "app", 6, null, null);
        return client;
    }

    private List<String> sentTypes() {
        return capture.decoded().stream().map(m -> (String) m.get("type")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Object field(Map<String, Object> message, String key) {
        return ((Map<String, Object>) message.get("fields")).get(key);
    }

    private static Object boundCode(Object wrapper) {
        return ((Wrappers.Bindable) wrapper).boundCode();
    }

    @Test
    void a_wrapper_created_before_configuration_binds_at_its_first_call_after_configuration() {
        Runnable task = runs::incrementAndGet;
        Runnable timed = Decorators.timeit("jobs.nightly").runnable(task);

        timed.run();
        assertNull(boundCode(timed), "no client at all: a plain call, nothing decided");
        MetlogClient client = ClientHolder.get("app");
        timed.run();
        assertNull(boundCode(timed), "a client that is not configured yet decides nothing either");
        assertTrue(capture.messages().isEmpty());

        client.setup(capture, "app", 6, null, null);
        timed.run();
        timed.run();
        assertEquals(4, runs.get());
        assertEquals(List.of("timer", "timer"), sentTypes());
        assertEquals("jobs.nightly", field(capture.last(), "name"));
        assertNotNull(boundCode(timed));
        assertNotSame(task, boundCode(timed));
    }

    @Test
    void incr_count_sends_its_count_at_every_call() {
        configuredDefault();
        Supplier<String> counted = Decorators.incrCount("reports.built").count(3).supplier(() -> "report");
        assertEquals("report", counted.get());
        assertEquals("report", counted.get());
        assertEquals(List.of("counter", "counter"), sentTypes());
        assertEquals("3", capture.last().get("payload"));
        assertEquals("reports.built", field(capture.last(), "name"));
        assertEquals(1.0, field(capture.last(), "rate"));
    }

    @Test
    void functions_and_callables_are_wrapped_too() throws Exception {
        configuredDefault();
        Function<Integer, Integer> twice = Decorators.timeit("math.twice").function(x -> x * 2);
        Callable<String> hello = Decorators.incrCount("hello.calls").callable(() -> "hello");
        assertEquals(42, twice.apply(21));
        assertEquals("hello", hello.call());
        assertEquals(List.of("timer", "counter"), sentTypes());
        assertTrue(twice.toString().startsWith("timeit('math.twice') of "), twice.toString());
    }

    @Test
    void exceptions_pass_through_unchanged_and_the_call_is_still_timed_and_counted() {
        configuredDefault();
        IOException checked = new IOException("disk gone");
        Callable<String> failing = Decorators.timeit("io.read").callable(
            Decorators.incrCount("io.reads").callable(() -> {
                throw checked;
            }));
        IOException thrown = assertThrows(IOException.class, failing::call);
        assertSame(checked, thrown);

        IllegalStateException unchecked = new IllegalStateException("bad state");
        Runnable broken = Decorators.incrCount("broken.runs").runnable(() -> {
            throw unchecked;
        });
        assertSame(unchecked, assertThrows(IllegalStateException.class, broken::run));
        assertEquals(List.of("counter", "timer", "counter"), sentTypes());
    }

    @Test
    void disabled_decorators_naming_timeit_makes_timers_plain_calls_for_good() {
        MetlogClient client = configuredDefault();
        ClientHolder.global().merge(Map.of("disabled_decorators", "timeit"));
        Runnable task = runs::incrementAndGet;
        Runnable timed = Decorators.timeit("t").runnable(task);
        Runnable counted = Decorators.incrCount("c").runnable(task);
        timed.run();
        counted.run();
        assertEquals(List.of("counter"), sentTypes());
        assertSame(task, boundCode(timed), "inactive: the wrapper now just calls the task");

        ClientHolder.global().clear();
        timed.run();
        assertEquals(List.of("counter"), sentTypes(), "the decision is made once, at the first call");
        assertEquals(3, runs.get());
        assertTrue(client.isActive());
    }

    @Test
    void disabled_decorators_as_a_list_naming_incr_count_turns_counters_off() {
        configuredDefault();
        ClientHolder.global().merge(Map.of("disabled_decorators", List.of("incr_count")));
        Supplier<String> task = () -> "x";
        Supplier<String> counted = Decorators.incrCount("c").supplier(task);
        Supplier<String> timed = Decorators.timeit("t").supplier(task);
        counted.get();
        timed.get();
        assertEquals(List.of("timer"), sentTypes());
        assertSame(task, boundCode(counted));
    }

    @Test
    void a_disabled_timer_name_turns_only_that_timeit_off() {
        MetlogClient client = configuredDefault();
        client.setup(capture, "app", 6, List.of("db.slow"), null);
        Runnable task = runs::incrementAndGet;
        Runnable slow = Decorators.timeit("db.slow").runnable(task);
        Runnable fast = Decorators.timeit("db.fast").runnable(task);
        Runnable counted = Decorators.incrCount("db.slow").runnable(task);
        slow.run();
        fast.run();
        counted.run();
        assertEquals(List.of("db.fast", "db.slow"),
            capture.decoded().stream().map(m -> (String) field(m, "name")).toList());
        assertEquals(List.of("timer", "counter"), sentTypes(), "disabled timers do not touch counters");
        assertSame(task, boundCode(slow));
    }

    @Test
    void star_among_disabled_timers_turns_every_timeit_off() {
        MetlogClient client = configuredDefault();
        client.setup(capture, "app", 6, List.of("*"), null);
        Runnable task = runs::incrementAndGet;
        Runnable timed = Decorators.timeit("anything").runnable(task);
        timed.run();
        assertTrue(capture.messages().isEmpty());
        assertSame(task, boundCode(timed));
        assertEquals(1, runs.get());
    }

    @Test
    void an_explicit_client_wins_over_the_holder_and_a_named_client_is_looked_up_lazily() {
        configuredDefault();
        DebugCaptureSender explicitSender = new DebugCaptureSender();
        MetlogClient explicit = MetlogClient.builder().sender(explicitSender).build();
        Decorators.incrCount("explicit").client(explicit).runnable(runs::incrementAndGet).run();
        assertEquals(1, explicitSender.messages().size());

        Runnable named = Decorators.incrCount("named").clientName("reports").runnable(runs::incrementAndGet);
        named.run();
        assertNull(ClientHolder.peek("reports"), "the lookup never creates the client");
        DebugCaptureSender reportsSender = new DebugCaptureSender();
        ClientHolder.set("reports", MetlogClient.builder().sender(reportsSender).build());
        named.run();
        assertEquals(1, reportsSender.messages().size());
        assertTrue(capture.messages().isEmpty(), "nothing went to the default client");
    }

    @Test
    void a_rate_of_zero_runs_the_code_but_sends_nothing() {
        configuredDefault();
        Runnable sampled = Decorators.timeit("never").rate(0.0).runnable(runs::incrementAndGet);
        Runnable counted = Decorators.incrCount("never").rate(0.0).runnable(runs::incrementAndGet);
        for (int i = 0; i < 20; i++) {
            sampled.run();
            counted.run();
        }
        assertEquals(40, runs.get());
        assertTrue(capture.messages().isEmpty());
    }

    private static void assertBadUse(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks " + fragment);
        }
    }

    @Test
    void bad_use_is_reported_when_wrapping() {
        assertBadUse(() -> Decorators.timeit(null), "timeit", "name");
        assertBadUse(() -> Decorators.incrCount(""), "incr_count", "name");
        assertBadUse(() -> Decorators.timeit("t").rate(1.5), "timeit('t')", "1.5", "0 to 1");
        assertBadUse(() -> Decorators.incrCount("c").rate(-0.1), "incr_count('c')", "-0.1");
        assertBadUse(() -> Decorators.incrCount("c").rate(Double.NaN), "NaN");
        assertBadUse(() -> Decorators.incrCount("c").count(-2), "incr_count('c')", "-2", "negative");
        assertBadUse(() -> Decorators.timeit("t").count(2), "timeit('t')", "count");
        assertBadUse(() -> Decorators.timeit("t").runnable(null), "timeit('t')", "Runnable", "null");
        assertBadUse(() -> Decorators.timeit("t").callable(null), "Callable");
        assertBadUse(() -> Decorators.incrCount("c").supplier(null), "Supplier");
        assertBadUse(() -> Decorators.incrCount("c").function(null), "Function");
        assertBadUse(() -> Decorators.incrCount("c").client(null), "client");
    }
}

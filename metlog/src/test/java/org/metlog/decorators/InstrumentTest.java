package org.metlog.decorators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;

class InstrumentTest {
    private static final String ORDERS = "org.metlog.decorators.InstrumentTest.Orders";

    private final DebugCaptureSender capture = new DebugCaptureSender();

    interface Orders {
        @Timeit
        String place(String item);

        @IncrCount(name = "orders.lookups", count = 2)
        String find(String id);

        @Timeit("orders.both")
        @IncrCount("orders.both")
        int both();

        @Timeit
        @IncrCount
        void fail() throws IOException;

        String plain();

        default String greeting() {
            return "hello from the interface";
        }
    }

    static final class OrdersImpl implements Orders {
        static final IOException FAILURE = new IOException("disk gone");
        int plainCalls;

        @Override
        public String place(String item) {
            return "placed " + item;
        }

        @Override
        public String find(String id) {
            return "order " + id;
        }

        @Override
        public int both() {
            return 7;
        }

        @Override
        public void fail() throws IOException {
            throw FAILURE;
        }

        @Override
        public String plain() {
            plainCalls++;
            return "plain";
        }

        @Override
        public String toString() {
            return "OrdersImpl";
        }
    }

    @BeforeEach
    @AfterEach
    void resetHolder() {
        ClientHolder.clear();
    }

    private void configureDefault(List<String> disabledTimers) {
        ClientHolder.get("app").setup(capture, "app", 6, disabledTimers, null);
    }

    @SuppressWarnings("unchecked")
    private static Object field(Map<String, Object> message, String key) {
        return ((Map<String, Object>) message.get("fields")).get(key);
    }

    private List<String> sent() {
        return capture.decoded().stream().map(m -> m.get("type") + " " + field(m, "name")).toList();
    }

    private static MethodPlan plan(Object proxy, String method) throws NoSuchMethodException {
        Instrumentation handler = (Instrumentation) Proxy.getInvocationHandler(proxy);
        for (java.lang.reflect.Method m : Orders.class.getMethods()) {
            if (m.getName().equals(method)) {
                return handler.plan(m);
            }
        }
        throw new NoSuchMethodException(method);
    }

    @Test
    void annotated_methods_of_one_interface_send_their_own_messages_under_their_names() {
        configureDefault(null);
        Orders orders = Decorators.instrument(Orders.class, new OrdersImpl());
        assertEquals("placed book", orders.place("book"));
        assertEquals("order 9", orders.find("9"));
        assertEquals(List.of("timer " + ORDERS + ".place", "counter orders.lookups"), sent());
        assertEquals("2", capture.last().get("payload"), "the annotation's count");
    }

    @Test
    void both_annotations_on_one_method_send_a_timer_and_a_counter() {
        configureDefault(null);
        Orders orders = Decorators.instrument(Orders.class, new OrdersImpl());
        assertEquals(7, orders.both());
        assertEquals(List.of("counter orders.both", "timer orders.both"), sent());
    }

    @Test
    void exceptions_reach_the_caller_unchanged_and_the_failed_call_is_timed_and_counted() {
        configureDefault(null);
        Orders orders = Decorators.instrument(Orders.class, new OrdersImpl());
        IOException thrown = assertThrows(IOException.class, orders::fail);
        assertSame(OrdersImpl.FAILURE, thrown);
        assertEquals(List.of("counter " + ORDERS + ".fail", "timer " + ORDERS + ".fail"), sent());
    }

    @Test
    void unannotated_default_and_object_methods_pass_straight_through() {
        configureDefault(null);
        OrdersImpl impl = new OrdersImpl();
        Orders orders = Decorators.instrument(Orders.class, impl);
        assertEquals("plain", orders.plain());
        assertEquals(1, impl.plainCalls);
        assertEquals("hello from the interface", orders.greeting());
        assertEquals("OrdersImpl", orders.toString());
        assertEquals(impl.hashCode(), orders.hashCode());
        assertTrue(orders.equals(orders));
        assertTrue(orders.equals(Decorators.instrument(Orders.class, impl)), "same implementation behind both");
        assertTrue(!orders.equals(Decorators.instrument(Orders.class, new OrdersImpl())));
        assertTrue(capture.messages().isEmpty());
    }

    @Test
    void a_proxy_built_before_configuration_binds_each_method_at_its_first_call_after_it() throws Exception {
        Orders orders = Decorators.instrument(Orders.class, new OrdersImpl());
        orders.place("early");
        assertNull(plan(orders, "place").bound(), "no client yet: undecided");
        configureDefault(null);
        orders.place("late");
        assertEquals(List.of("timer " + ORDERS + ".place"), sent());
        assertEquals(1, plan(orders, "place").bound().length);
        assertNull(plan(orders, "find").bound(), "each method decides at its own first call");
    }

    @Test
    void disabled_decorators_and_disabled_timers_make_methods_plain_calls() throws Exception {
        configureDefault(List.of(ORDERS + ".place"));
        ClientHolder.global().merge(Map.of("disabled_decorators", "incr_count"));
        Orders orders = Decorators.instrument(Orders.class, new OrdersImpl());
        orders.place("x");
        orders.find("1");
        orders.both();
        assertEquals(List.of("timer orders.both"), sent());
        assertEquals(0, plan(orders, "place").bound().length, "timer disabled by name");
        assertEquals(0, plan(orders, "find").bound().length, "counter disabled globally");
        assertEquals(1, plan(orders, "both").bound().length);
    }

    @Test
    void star_among_disabled_timers_turns_every_timeit_annotation_off() {
        configureDefault(List.of("*"));
        Orders orders = Decorators.instrument(Orders.class, new OrdersImpl());
        orders.place("x");
        orders.both();
        assertEquals(List.of("counter orders.both"), sent());
    }

    interface Reports {
        @IncrCount(clientName = "reports")
        void build();

        @IncrCount
        void archive();
    }

    @Test
    void an_annotation_client_name_wins_over_the_client_given_to_instrument() {
        DebugCaptureSender reportsSender = new DebugCaptureSender();
        ClientHolder.set("reports", MetlogClient.builder().sender(reportsSender).build());
        MetlogClient given = MetlogClient.builder().sender(capture).build();
        Reports reports = Decorators.instrument(Reports.class, new Reports() {
            @Override
            public void build() {
            }

            @Override
            public void archive() {
            }
        }, given);
        reports.build();
        reports.archive();
        assertEquals("org.metlog.decorators.InstrumentTest.Reports.build", field(reportsSender.last(), "name"));
        assertEquals(List.of("counter org.metlog.decorators.InstrumentTest.Reports.archive"), sent());
    }

    interface BadRate {
        @Timeit(rate = 1.5)
        void run();
    }

    interface NegativeCount {
        @IncrCount(count = -1)
        void run();
    }

    interface DisagreeingNames {
        @Timeit(name = "a", value = "b")
        void run();
    }

    interface AnnotatedToString {
        @Timeit
        @Override
        String toString();
    }

    interface Plain {
        void run();
    }

    static final class AnnotatedImpl implements Plain {
        @Override
        @IncrCount
        public void run() {
        }
    }

    private static void assertBadUse(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks " + fragment);
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void bad_use_is_reported_at_wrap_time_naming_the_method_annotation_and_value() {
        assertBadUse(() -> Decorators.instrument(BadRate.class, () -> { }), "@Timeit(rate = 1.5)", "BadRate.run()",
            "0 to 1");
        assertBadUse(() -> Decorators.instrument(NegativeCount.class, () -> { }), "@IncrCount(count = -1)",
            "NegativeCount.run()", "negative");
        assertBadUse(() -> Decorators.instrument(DisagreeingNames.class, () -> { }), "name = \"a\"",
            "value = \"b\"");
        assertBadUse(() -> Decorators.instrument(AnnotatedToString.class, new AnnotatedToString() { }),
            "toString", "pass straight through");
        assertBadUse(() -> Decorators.instrument(Plain.class, new AnnotatedImpl()), "@IncrCount",
            "AnnotatedImpl.run()", "not read", "Plain");
        assertBadUse(() -> Decorators.instrument(Orders.class, null), "Orders", "implementation", "null");
        assertBadUse(() -> Decorators.instrument(null, new OrdersImpl()), "interface", "null");
        assertBadUse(() -> Decorators.instrument(OrdersImpl.class, new OrdersImpl()), "OrdersImpl",
            "not an interface");
        assertBadUse(() -> Decorators.instrument((Class) Orders.class, (Object) "a string"), "String",
            "does not implement");
    }

    @Test
    void the_default_name_is_the_declaring_interface_and_method() throws Exception {
        assertEquals(ORDERS + ".place", Decorators.defaultName(Orders.class.getMethod("place", String.class)));
        assertNotNull(Decorators.instrument(Plain.class, () -> { }));
    }
}

package org.metlog.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.testing.RecordingHandler;

class MetlogLoggingTest {
    private final DebugCaptureSender sender = new DebugCaptureSender();
    private final MetlogClient client = MetlogClient.builder().sender(sender).logger("shop").build();

    @BeforeEach
    @AfterEach
    void resetHolder() {
        ClientHolder.clear();
    }

    private static long metlogHandlers(Logger logger) {
        return Arrays.stream(logger.getHandlers()).filter(h -> h instanceof MetlogHandler).count();
    }

    @Test
    void hooking_a_logger_twice_for_the_same_client_adds_one_handler() {
        Logger logger = RecordingHandler.isolatedLogger("app.hook.twice");
        MetlogHandler first = MetlogLogging.hookLogger("app.hook.twice", client);
        MetlogHandler second = MetlogLogging.hookLogger("app.hook.twice", client);

        assertSame(first, second);
        assertEquals(1, metlogHandlers(logger));
        logger.info("once");
        assertEquals(1, sender.messages().size(), "one handler means one message per record");
        MetlogLogging.unhookLogger("app.hook.twice", client);
    }

    @Test
    void hooking_the_same_logger_for_another_client_adds_a_second_handler() {
        Logger logger = RecordingHandler.isolatedLogger("app.hook.two");
        DebugCaptureSender otherSender = new DebugCaptureSender();
        MetlogClient other = MetlogClient.builder().sender(otherSender).build();
        MetlogLogging.hookLogger("app.hook.two", client);
        MetlogLogging.hookLogger("app.hook.two", other);
        assertEquals(2, metlogHandlers(logger));
        logger.warning("both");
        assertEquals(1, sender.messages().size());
        assertEquals(1, otherSender.messages().size());
        MetlogLogging.unhookLogger("app.hook.two", client);
        MetlogLogging.unhookLogger("app.hook.two", other);
    }

    @Test
    void a_hooked_parent_logger_receives_its_childrens_records() {
        Logger parent = RecordingHandler.isolatedLogger("app.hook.tree");
        Logger child = Logger.getLogger("app.hook.tree.orders");
        MetlogLogging.hookLogger("app.hook.tree", client);
        child.info("from the child");
        assertEquals("app.hook.tree.orders", ((java.util.Map<?, ?>) sender.last().get("fields")).get("logger_name"));
        assertEquals(1, metlogHandlers(parent));
        MetlogLogging.unhookLogger("app.hook.tree", client);
    }

    @Test
    void a_client_from_the_holder_can_be_hooked_before_it_is_configured() {
        Logger logger = RecordingHandler.isolatedLogger("app.hook.early");
        MetlogClient early = ClientHolder.get("early");
        MetlogLogging.hookLogger("app.hook.early", early);
        logger.info("before configuration: dropped by the placeholder sender");

        early.setup(sender, "early", 6, null, null);
        logger.info("after configuration");
        assertEquals(1, sender.messages().size());
        assertEquals("after configuration", sender.last().get("payload"));
        MetlogLogging.unhookLogger("app.hook.early", early);
    }

    @Test
    void unhooking_removes_the_handler() {
        Logger logger = RecordingHandler.isolatedLogger("app.hook.gone");
        MetlogLogging.hookLogger("app.hook.gone", client);
        assertTrue(MetlogLogging.unhookLogger("app.hook.gone", client));
        assertFalse(MetlogLogging.unhookLogger("app.hook.gone", client));
        assertEquals(0, metlogHandlers(logger));
        logger.info("not sent");
        assertTrue(sender.messages().isEmpty());
    }
}

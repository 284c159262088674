package org.metlog.senders;

import java.util.Map;

/** {@link StatsdSender} with tags from every field (the datadog flavor, with DD_* tags) keeps the sender contract. */
class StatsdTaggedSenderContractTest extends StatsdSenderContractTest {
    @Override
    StatsdSender.Builder configure(StatsdSender.Builder builder) {
        return builder.flavor(StatsdFlavor.DATADOG).environment(Map.of("DD_ENV", "test"));
    }
}

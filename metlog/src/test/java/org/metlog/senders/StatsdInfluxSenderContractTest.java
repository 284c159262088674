package org.metlog.senders;

/** {@link StatsdSender} with tags after the name (the influx flavor) keeps the sender contract. */
class StatsdInfluxSenderContractTest extends StatsdSenderContractTest {
    @Override
    StatsdSender.Builder configure(StatsdSender.Builder builder) {
        return builder.flavor(StatsdFlavor.INFLUX);
    }
}

package org.metlog.senders;

import org.metlog.spi.Sender;

/**
 * An {@link AsyncSender} around a {@link UdpSender} keeps the sender contract against a real loopback receiver:
 * the background thread serializes, so a message that cannot be serialized is counted there, by the UDP sender.
 */
class AsyncUdpSenderContractTest extends UdpSenderContractTest {
    @Override
    protected Sender createSender() {
        return AsyncSender.builder(super.createSender()).shutdownHook(false).build();
    }
}

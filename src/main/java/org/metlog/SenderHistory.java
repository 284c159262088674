package org.metlog;
import org.metlog.message.DeliveryStats;

import org.metlog.spi.Sender;

/**
 * The final counts of the senders a client has replaced or closed, so that its counters cover its whole life.
 * Immutable.
 *
 * @param handed messages the earlier senders took without throwing
 * @param threw  messages for which they threw
 * @param view   their end-to-end counters (see {@link SenderTally#view(Sender)})
 */
record SenderHistory(long handed, long threw, DeliveryStats view) {
    static final SenderHistory NONE = new SenderHistory(0, 0, DeliveryStats.EMPTY);

    /**
     * Adds a sender that the client has finished with (and closed, so its counts are final).
     *
     * @param sender the sender
     * @param tally  what the client handed it
     * @return the new history
     */
    SenderHistory plus(Sender sender, SenderTally tally) {
        return new SenderHistory(handed + tally.handed.sum(), threw + tally.threw.sum(),
            view.plus(tally.view(sender)));
    }
}

package org.metlog.faults;

/** The three ways a delivery can go wrong that every sender is run under. */
enum Shape {
    /** Nothing receives: nothing listening, an unresolvable host, a pipe whose reader is gone. */
    ABSENT,
    /** The receiver stops reading until the test lets it go on, after every message was given. */
    STALLED,
    /** Messages whose fields cannot be encoded as they are: throwing toString(), throwing map keys, past the budget. */
    UNENCODABLE
}

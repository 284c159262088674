package org.metlog.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Linux's UDP counters from {@code /proc/net/snmp}: {@code RcvbufErrors} counts datagrams the kernel dropped because
 * a receiving socket's buffer was full. No sender can see those drops; the benchmarks report them beside their
 * own counts so that a gap between "sent" and "received" is explained.
 */
final class KernelUdp {
    private KernelUdp() {
    }

    /** @return the machine's UDP receive-buffer drops so far, or -1 where /proc/net/snmp cannot be read */
    static long rcvbufErrors() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
                    String[] names = lines.get(i).split("\\s+");
                    String[] values = lines.get(i + 1).split("\\s+");
                    for (int k = 1; k < names.length && k < values.length; k++) {
                        if (names[k].equals("RcvbufErrors")) {
                            return Long.parseLong(values[k]);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or a format we do not know
        }
        return -1;
    }
}

package dev.salespipeline.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

/** Free ports for stacks started by tests. */
final class TestPorts {

    private static final int BELOW_EPHEMERAL_FROM = 20_000;
    private static final int BELOW_EPHEMERAL_TO = 32_000;
    private static final java.util.Random RANDOM = new java.util.Random();

    private TestPorts() {
    }

    /**
     * A port p such that p, p + 1 and p + 2 are free, and the same {@value LauncherOptions#INSTANCE_PORT_STEP} above:
     * command-service, query-service and streams-analytics, two instances each.
     */
    static int freeRunForTwoInstances() {
        int step = LauncherOptions.INSTANCE_PORT_STEP;
        for (int attempt = 0; attempt < 200; attempt++) {
            // below the kernel's ephemeral range, where the servers started on port 0 and every client connection
            // take theirs: a port found free here stays free until the service binds it
            int base = BELOW_EPHEMERAL_FROM + RANDOM.nextInt(BELOW_EPHEMERAL_TO - BELOW_EPHEMERAL_FROM);
            if (List.of(0, 1, 2, step, step + 1, step + 2).stream().allMatch(offset -> isFree(base + offset))) {
                return base;
            }
        }
        throw new IllegalStateException("no free run of ports found");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }
}

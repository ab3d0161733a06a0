package dev.salespipeline.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

/** Free ports for stacks started by tests. */
final class TestPorts {

    private TestPorts() {
    }

    /**
     * A port p such that p, p + 1 and p + 2 are free, and the same {@value LauncherOptions#INSTANCE_PORT_STEP} above:
     * command-service, query-service and streams-analytics, two instances each.
     */
    static int freeRunForTwoInstances() throws IOException {
        int step = LauncherOptions.INSTANCE_PORT_STEP;
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (ServerSocket socket = new ServerSocket(0)) {
                base = socket.getLocalPort();
            }
            if (base + step + 2 <= 65_535 && List.of(0, 1, 2, step, step + 1, step + 2).stream()
                    .allMatch(offset -> isFree(base + offset))) {
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

package dev.salespipeline.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.salespipeline.launcher.LocalInfrastructure.Part;

/**
 * Commands the launcher reads on its standard input while the stack runs, one a line:
 * {@code restart kafka|postgres|mongo [seconds]} stops that server, leaves it down for the seconds given (default 0)
 * and starts it again on its port and data, as a crash or a maintenance restart would; the services ride it out.
 * The answer is one line on standard output, {@code Restarted <part> in <ms> ms} (with the new {@code pid} of
 * PostgreSQL) or {@code Could not restart <part>: <reason>}. The fault run of the benchmark uses it; so can anyone
 * trying the stack's recovery by hand.
 */
final class InfrastructureCommands {

    private static final Logger log = LoggerFactory.getLogger(InfrastructureCommands.class);
    /** The longest a server may be held down, so a typo cannot leave the stack without it for long. */
    private static final long MAX_DOWN_SECONDS = 600;

    private InfrastructureCommands() {
    }

    /** Reads commands from {@code in} on a daemon thread until it ends. */
    static void listen(LocalStack stack, InputStream in, PrintStream out) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null && !stack.isClosed(); line = lines.readLine()) {
                    if (!line.isBlank()) {
                        out.println(answer(stack, line.trim()));
                        out.flush();
                    }
                }
            } catch (IOException e) {
                log.debug("Standard input closed", e);
            }
        }, "infrastructure-commands");
        reader.setDaemon(true);
        reader.start();
    }

    static String answer(LocalStack stack, String line) {
        String[] words = line.split("\\s+");
        if (words.length < 2 || words.length > 3 || !words[0].equals("restart")) {
            return "Commands: restart kafka|postgres|mongo [seconds down, 0 to " + MAX_DOWN_SECONDS + "]";
        }
        Part part;
        long seconds;
        try {
            part = Part.named(words[1]);
            seconds = words.length == 3 ? Long.parseLong(words[2]) : 0;
        } catch (IllegalArgumentException e) {
            return "Could not restart " + words[1] + ": " + e.getMessage();
        }
        if (seconds < 0 || seconds > MAX_DOWN_SECONDS) {
            return "Could not restart " + part.id() + ": seconds down must be 0 to " + MAX_DOWN_SECONDS;
        }
        log.info("Restarting {}, down for {} s", part.id(), seconds);
        try {
            Duration took = stack.infrastructure().restart(part, Duration.ofSeconds(seconds));
            log.info("{} restarted in {} ms", part.id(), took.toMillis());
            String pid = part == Part.POSTGRES ? stack.infrastructure().postgres().serverPid().stream()
                    .mapToObj(value -> " (pid " + value + ")").findFirst().orElse("") : "";
            return "Restarted " + part.id() + " in " + took.toMillis() + " ms" + pid;
        } catch (RuntimeException e) {
            log.error("{} could not be restarted", part.id(), e);
            return "Could not restart " + part.id() + ": " + e.getMessage();
        }
    }
}

package dev.salespipeline.launcher;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code token <user> [--data-dir=./data] [--lifetime=PT8H]}: prints a bearer token for a demo user of the
 * {@link DevIdentity} in the data directory, and nothing else, on standard output, so that
 * {@code TOKEN=$(java -jar local-launcher/target/local-launcher.jar token anna)} works. Whatever else there is to say
 * goes to standard error.
 */
final class TokenCommand {

    /** The sub-command's name, the first argument of the launcher. */
    static final String NAME = "token";

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private TokenCommand() {
    }

    /** The sub-command's synopsis and options, for {@code --help}. */
    static String usage() {
        return """
                Usage: java -jar local-launcher/target/local-launcher.jar token <user> [--data-dir=%s] [--lifetime=%s]

                Prints a bearer token (a JWT signed RS256 with the development key in <data-dir>/%s) for a demo
                user. The services started by the launcher on the same data directory accept it:
                  TOKEN=$(java -jar local-launcher/target/local-launcher.jar token anna)
                  curl -H "Authorization: Bearer $TOKEN" localhost:8082/pipelines/sales/deals

                  --data-dir=<dir>   the launcher's data directory (also the system property %sdata-dir)
                  --lifetime=<iso>   how long the token is valid, as an ISO-8601 duration such as PT30M or P2D

                %s""".formatted(LauncherOptions.DEFAULT_DATA_DIR, DevIdentity.DEFAULT_TOKEN_LIFETIME,
                DevIdentity.DIRECTORY, LauncherOptions.PROPERTY_PREFIX, usersTable());
    }

    /** The demo users, one a line: id, roles, team and name. */
    static String usersTable() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"user", "roles", "team", "name"});
        for (DevIdentity.DemoUser user : DevIdentity.demoUsers()) {
            rows.add(new String[] {user.id(), String.join(",", user.roles()), user.team() == null ? "-" : user.team(),
                    user.name()});
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        String format = "  %-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  %s%n";
        StringBuilder table = new StringBuilder("Demo users:\n");
        rows.forEach(row -> table.append(String.format(format, (Object[]) row)));
        return table.toString();
    }

    /**
     * Runs the sub-command.
     *
     * @param args             the arguments after {@code token}
     * @param systemProperties where {@code pipeline.launcher.data-dir} may be set
     * @return the exit code: {@link #OK}, {@link #USAGE} for a missing or unknown user or a bad option, {@link #FAILED}
     *         if the key pair cannot be read or written
     */
    static int run(String[] args, Properties systemProperties, PrintStream out, PrintStream err) {
        String dataDir = systemProperties.getProperty(LauncherOptions.PROPERTY_PREFIX + "data-dir",
                LauncherOptions.DEFAULT_DATA_DIR);
        Duration lifetime = DevIdentity.DEFAULT_TOKEN_LIFETIME;
        List<String> users = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(usage());
                out.flush();
                return OK;
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = arg.substring("--data-dir=".length());
            } else if (arg.startsWith("--lifetime=")) {
                String value = arg.substring("--lifetime=".length());
                try {
                    lifetime = Duration.parse(value);
                } catch (DateTimeParseException e) {
                    return usageError(err, "--lifetime must be an ISO-8601 duration such as PT30M, got " + value);
                }
                if (lifetime.getSeconds() < 1) {
                    return usageError(err, "--lifetime must be at least a second, got " + value);
                }
            } else if (arg.startsWith("-")) {
                return usageError(err, "Unknown option " + arg + " of the token command");
            } else {
                users.add(arg);
            }
        }
        if (users.isEmpty()) {
            return usageError(err, "Which user? Name one of the demo users.");
        }
        if (users.size() > 1) {
            return usageError(err, "One user only, got " + String.join(" ", users));
        }
        String user = users.get(0);
        if (DevIdentity.demoUser(user).isEmpty()) {
            return usageError(err, "Unknown user '" + user + "'.");
        }

        DevIdentity identity;
        try {
            identity = DevIdentity.open(Path.of(dataDir));
        } catch (UncheckedIOException | IllegalStateException e) {
            err.println(e.getMessage());
            return FAILED;
        }
        if (identity.keyPairCreated()) {
            err.println("There was no development key pair in " + identity.directory() + ": created one. If the "
                    + "launcher runs with another --data-dir, pass the same one here: its services accept only tokens "
                    + "signed with the key in their data directory.");
        }
        out.println(identity.issueToken(user, lifetime));
        out.flush();
        return OK;
    }

    private static int usageError(PrintStream err, String message) {
        err.println(message);
        err.println();
        err.print(usage());
        err.flush();
        return USAGE;
    }
}

package dev.salespipeline.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The launcher's settings. Each option is given as {@code --name=value} or as the system property
 * {@code pipeline.launcher.name}; an argument wins over a system property, which wins over the default.
 */
public record LauncherOptions(
        Path dataDir,
        Path repoRoot,
        int kafkaPort,
        int postgresPort,
        int mongoPort,
        Map<Service, Integer> servicePorts,
        int identityPort,
        Duration webTokenLifetime,
        Set<Service> services,
        Map<Service, Integer> instances,
        List<String> serviceJvmOptions,
        Duration startupTimeout,
        boolean restartCrashed,
        boolean help) {

    /** The prefix of the system properties equivalent to the options. */
    public static final String PROPERTY_PREFIX = "pipeline.launcher.";

    /** The data directory unless told otherwise, relative to the working directory. */
    static final String DEFAULT_DATA_DIR = "./data";

    /** The most instances of one service the launcher runs. */
    static final int MAX_INSTANCES = 4;

    /** Instance n of a service listens on the service's port + (n - 1) times this. */
    static final int INSTANCE_PORT_STEP = 10;

    static final String DEFAULT_JVM_OPTIONS =
            "-Xms64m -Xmx384m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError";

    private static final List<Option> OPTIONS = List.of(
            new Option("data-dir", DEFAULT_DATA_DIR, "where Kafka, PostgreSQL, MongoDB, Kafka Streams state and the logs are kept"),
            new Option("repo-root", ".", "the repository, where <service>/target/<service>.jar are found"),
            new Option("services", "command,query,analytics", "the services to run: a subset of command, query, "
                    + "analytics, or none for the infrastructure only"),
            new Option("instances", "command=1,query=1,analytics=1", "how many instances of each service to run, "
                    + "1 to " + MAX_INSTANCES + "; instance n listens on the service's port + " + INSTANCE_PORT_STEP
                    + " x (n - 1), e.g. command=2,query=2,analytics=2"),
            new Option("kafka-port", "9092", "Kafka's client port (0: a free one)"),
            new Option("postgres-port", "5432", "PostgreSQL's port (0: a free one)"),
            new Option("mongo-port", "27017", "the MongoDB wire-protocol server's port (0: a free one)"),
            new Option("command-port", "8081", "command-service's HTTP port"),
            new Option("query-port", "8082", "query-service's HTTP port"),
            new Option("analytics-port", "8083", "streams-analytics' HTTP port"),
            new Option("identity-port", Integer.toString(DevIdentityProvider.DEFAULT_PORT), "the development "
                    + "identity provider's port, where the web dashboard signs in (0: a free one)"),
            new Option("web-token-lifetime", DevIdentity.DEFAULT_TOKEN_LIFETIME.toString(), "how long the tokens "
                    + "of a dashboard sign-in are valid, as an ISO-8601 duration such as PT30M"),
            new Option("service-jvm-options", DEFAULT_JVM_OPTIONS, "JVM options of each service's process"),
            new Option("startup-timeout", "180", "seconds to wait for the services to report UP"),
            new Option("restart-crashed", "true", "start a service instance again when it exits on its own "
                    + "(a crash, an out-of-memory exit, kill -9)"),
            new Option("help", "false", "print this and exit"));

    public LauncherOptions {
        dataDir = dataDir.toAbsolutePath().normalize();
        repoRoot = repoRoot.toAbsolutePath().normalize();
        servicePorts = Map.copyOf(servicePorts);
        services = Set.copyOf(services);
        instances = Map.copyOf(instances);
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
    }

    /** Reads the options from command-line arguments, then system properties, then defaults. */
    public static LauncherOptions parse(String[] args, Properties systemProperties) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Option option : OPTIONS) {
            values.put(option.name(), systemProperties.getProperty(PROPERTY_PREFIX + option.name(), option.defaultValue()));
        }
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                values.put("help", "true");
                continue;
            }
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Expected --name=value, got: " + arg);
            }
            String name = arg.substring(2, arg.indexOf('='));
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("Unknown option --" + name);
            }
            values.put(name, arg.substring(arg.indexOf('=') + 1));
        }

        Map<Service, Integer> servicePorts = new LinkedHashMap<>();
        servicePorts.put(Service.COMMAND, port(values, "command-port", false));
        servicePorts.put(Service.QUERY, port(values, "query-port", false));
        servicePorts.put(Service.ANALYTICS, port(values, "analytics-port", false));
        Set<Service> services = services(values.get("services"));
        Map<Service, Integer> instances = instances(values.get("instances"));
        distinctPorts(servicePorts, services, instances);
        return new LauncherOptions(
                Path.of(values.get("data-dir")),
                Path.of(values.get("repo-root")),
                port(values, "kafka-port", true),
                port(values, "postgres-port", true),
                port(values, "mongo-port", true),
                servicePorts,
                port(values, "identity-port", true),
                duration(values, "web-token-lifetime"),
                services,
                instances,
                Arrays.stream(values.get("service-jvm-options").trim().split("\\s+"))
                        .filter(option -> !option.isEmpty())
                        .toList(),
                Duration.ofSeconds(positive(values, "startup-timeout")),
                bool(values, "restart-crashed"),
                Boolean.parseBoolean(values.get("help")));
    }

    /** The options, their defaults and what they mean. */
    public static String usage() {
        StringBuilder usage = new StringBuilder("""
                Usage: java -jar local-launcher/target/local-launcher.jar [--name=value ...]
                       java -jar local-launcher/target/local-launcher.jar token <user> [--data-dir=./data] [--lifetime=PT8H]

                Starts Kafka, PostgreSQL and a MongoDB wire-protocol server in this JVM, keeping their data in the data
                directory, then the services as child processes. Ctrl-C stops everything; starting again on the same
                data directory finds all data again.

                Options (each also as the system property %sname):
                """.formatted(PROPERTY_PREFIX));
        for (Option option : OPTIONS) {
            usage.append(String.format("  --%-21s %s%n  %-23s (default: %s)%n",
                    option.name(), option.description(), "", option.defaultValue()));
        }
        usage.append("""

                The services accept only requests with a bearer token signed by the development identity provider,
                whose key pair the launcher keeps in <data-dir>/%s. The token command prints one for a demo user
                (run it with --help for the details and the list of users):
                  TOKEN=$(java -jar local-launcher/target/local-launcher.jar token anna)
                  curl -H "Authorization: Bearer $TOKEN" localhost:8082/pipelines/sales/deals

                The web dashboard, at http://localhost:<query-port>/app/, signs in with OpenID Connect at the same
                provider, which listens on --identity-port and lists the same demo users to pick from.
                """.formatted(DevIdentity.DIRECTORY));
        return usage.toString();
    }

    /** The HTTP port of a service: its first instance's. */
    public int port(Service service) {
        return servicePorts.get(service);
    }

    /** The HTTP port of an instance of a service. */
    public int port(ServiceInstance instance) {
        return port(instance.service(), instance.number());
    }

    private static int instancePort(Map<Service, Integer> servicePorts, Service service, int number) {
        return servicePorts.get(service) + (number - 1) * INSTANCE_PORT_STEP;
    }

    private int port(Service service, int number) {
        return instancePort(servicePorts, service, number);
    }

    /** How many instances of a service to run. */
    public int instances(Service service) {
        return instances.getOrDefault(service, 1);
    }

    /** The instances of the services to run, in start order: by service, then by number. */
    public List<ServiceInstance> instanceList() {
        List<ServiceInstance> ordered = new ArrayList<>();
        for (Service service : serviceList()) {
            for (int number = 1; number <= instances(service); number++) {
                ordered.add(new ServiceInstance(service, number));
            }
        }
        return ordered;
    }

    /** {@code <data-dir>/logs}. */
    public Path logDir() {
        return dataDir.resolve("logs");
    }

    /** The services in start order. */
    public List<Service> serviceList() {
        List<Service> ordered = new ArrayList<>(services);
        ordered.sort(null);
        return ordered;
    }

    private static Set<Service> services(String value) {
        String trimmed = value.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("none") || trimmed.isEmpty()) {
            return Set.of();
        }
        return Arrays.stream(trimmed.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .map(Service::fromOptionName)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Service.class)));
    }

    private static Map<Service, Integer> instances(String value) {
        Map<Service, Integer> instances = new LinkedHashMap<>();
        for (String entry : value.trim().toLowerCase(Locale.ROOT).split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("=", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("--instances takes service=count pairs such as command=2,query=2, got "
                        + value);
            }
            Service service = Service.fromOptionName(parts[0].trim());
            int count;
            try {
                count = Integer.parseInt(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--instances: the count of " + parts[0].trim() + " must be a number, got "
                        + parts[1], e);
            }
            if (count < 1 || count > MAX_INSTANCES) {
                throw new IllegalArgumentException("--instances: " + parts[0].trim() + " must have 1 to " + MAX_INSTANCES
                        + " instances, got " + count);
            }
            instances.put(service, count);
        }
        return instances;
    }

    /** Two instances on one port would leave one of them unable to start: refused before anything starts. */
    private static void distinctPorts(Map<Service, Integer> servicePorts, Set<Service> services,
                                      Map<Service, Integer> instances) {
        Map<Integer, String> taken = new LinkedHashMap<>();
        for (Service service : services) {
            for (int number = 1; number <= instances.getOrDefault(service, 1); number++) {
                String name = new ServiceInstance(service, number).name();
                int port = instancePort(servicePorts, service, number);
                if (port > 65_535) {
                    throw new IllegalArgumentException(name + " would listen on port " + port + ", which does not exist");
                }
                String other = taken.putIfAbsent(port, name);
                if (other != null) {
                    throw new IllegalArgumentException(name + " and " + other + " would both listen on port " + port
                            + ": instance n listens on the service's port + " + INSTANCE_PORT_STEP + " x (n - 1)");
                }
            }
        }
    }

    private static int port(Map<String, String> values, String name, boolean zeroAllowed) {
        int port = integer(values, name);
        if (port < (zeroAllowed ? 0 : 1) || port > 65_535) {
            throw new IllegalArgumentException("--" + name + " must be a port number"
                    + (zeroAllowed ? " or 0" : "") + ", got " + port);
        }
        return port;
    }

    private static int positive(Map<String, String> values, String name) {
        int value = integer(values, name);
        if (value <= 0) {
            throw new IllegalArgumentException("--" + name + " must be positive, got " + value);
        }
        return value;
    }

    private static Duration duration(Map<String, String> values, String name) {
        Duration duration;
        try {
            duration = Duration.parse(values.get(name).trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--" + name + " must be an ISO-8601 duration such as PT30M, got "
                    + values.get(name), e);
        }
        if (duration.getSeconds() < 1) {
            throw new IllegalArgumentException("--" + name + " must be at least a second, got " + values.get(name));
        }
        return duration;
    }

    private static boolean bool(Map<String, String> values, String name) {
        String value = values.get(name).trim().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("--" + name + " must be true or false, got " + values.get(name));
        }
        return Boolean.parseBoolean(value);
    }

    private static int integer(Map<String, String> values, String name) {
        try {
            return Integer.parseInt(values.get(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got " + values.get(name), e);
        }
    }

    private record Option(String name, String defaultValue, String description) {
    }
}

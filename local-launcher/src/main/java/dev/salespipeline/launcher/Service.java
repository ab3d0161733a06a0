package dev.salespipeline.launcher;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The services the launcher runs, in start order. */
public enum Service {

    COMMAND("command", "command-service"),
    QUERY("query", "query-service"),
    ANALYTICS("analytics", "streams-analytics");

    private final String optionName;
    private final String module;

    Service(String optionName, String module) {
        this.optionName = optionName;
        this.module = module;
    }

    /** The service named as in {@code --services}: command, query or analytics. */
    public static Service fromOptionName(String name) {
        return Arrays.stream(values())
                .filter(service -> service.optionName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown service " + name + " in --services: "
                        + Arrays.stream(values()).map(service -> service.optionName).collect(Collectors.joining(", "))
                        + " or none"));
    }

    /** The name used in {@code --services}. */
    public String optionName() {
        return optionName;
    }

    /** The Maven module, which is also the name of its jar, its log and its process. */
    public String module() {
        return module;
    }

    /** {@code <repoRoot>/<module>/target/<module>.jar}. */
    public Path jar(Path repoRoot) {
        return repoRoot.resolve(module).resolve("target").resolve(module + ".jar");
    }
}

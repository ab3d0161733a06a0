package dev.salespipeline.benchmark;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name=value} arguments over a benchmark's defaults. */
final class NamedOptions {

    private NamedOptions() {
    }

    /**
     * @return the defaults with the arguments over them, or null when {@code --help} was asked for (the usage is
     *         then printed)
     * @throws IllegalArgumentException for an argument that names no option
     */
    static Map<String, String> parse(String[] args, Map<String, String> defaults, String usage, PrintStream out) {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        for (String arg : args) {
            if (arg.equals("--help")) {
                out.print(usage);
                return null;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 || !arg.startsWith("--") ? null : arg.substring(2, equals);
            if (name == null || !values.containsKey(name)) {
                throw new IllegalArgumentException("Unknown argument " + arg + "\n" + usage);
            }
            values.put(name, arg.substring(equals + 1));
        }
        return values;
    }
}

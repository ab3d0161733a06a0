package dev.salespipeline.benchmark;

import java.util.Arrays;

/**
 * The benchmark jar's entry point: {@code publication} (the default, {@link PublicationBenchmark}),
 * {@code query} ({@link QueryBenchmark}) or {@code streams} ({@link StreamsBenchmark}), followed by that
 * benchmark's options.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("query") || args[0].equals("streams"))) {
            String[] options = Arrays.copyOfRange(args, 1, args.length);
            try {
                if (args[0].equals("query")) {
                    QueryBenchmark.main(options, System.out, System.err);
                } else {
                    StreamsBenchmark.main(options, System.out, System.err);
                }
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(2);
            }
            return;
        }
        PublicationBenchmark.main(args.length > 0 && args[0].equals("publication")
                ? Arrays.copyOfRange(args, 1, args.length) : args);
    }
}

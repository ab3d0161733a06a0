package dev.salespipeline.benchmark;

import java.util.Arrays;
import java.util.List;

/**
 * The benchmark jar's entry point: {@code publication} (the default, {@link PublicationBenchmark}),
 * {@code query} ({@link QueryBenchmark}), {@code streams} ({@link StreamsBenchmark}), {@code faults}
 * ({@link FaultRun}: faults under load, then a reconciliation), {@code agreement} ({@link InstanceAgreement}: one
 * instance of each service and two give the same read models and metrics), {@code load}
 * ({@link LoadBenchmark}, a sales organisation at work) or {@code all} ({@link Suite}: every one of them on a local
 * stack it starts, with one report), followed by that benchmark's options.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && List.of("query", "streams", "load", "projection", "board", "faults", "agreement",
                "all").contains(args[0])) {
            String[] options = Arrays.copyOfRange(args, 1, args.length);
            try {
                if (args[0].equals("query")) {
                    QueryBenchmark.main(options, System.out, System.err);
                } else if (args[0].equals("all")) {
                    Suite.main(options, System.out, System.err);
                } else if (args[0].equals("projection")) {
                    ProjectionBenchmark.main(options, System.out, System.err);
                } else if (args[0].equals("board")) {
                    BoardBenchmark.main(options, System.out, System.err);
                } else if (args[0].equals("faults")) {
                    FaultRun.main(options, System.out, System.err);
                } else if (args[0].equals("agreement")) {
                    InstanceAgreement.main(options, System.out, System.err);
                } else if (args[0].equals("load")) {
                    LoadBenchmark.main(options, System.out, System.err);
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

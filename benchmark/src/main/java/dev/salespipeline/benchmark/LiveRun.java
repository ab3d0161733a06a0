package dev.salespipeline.benchmark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.salespipeline.benchmark.TopicReader.Arrival;
import dev.salespipeline.benchmark.TopicReader.EventKey;
import tools.jackson.databind.JsonNode;

/**
 * Clients that send commands as fast as they can while the topic is read: each opens its share of the deals, then
 * moves them round-robin back and forth between two stages, so that every command stores exactly one event. Each
 * command's answer carries the deal's version, which is the sequence number of the event it stored; with the deal id
 * that names the record to wait for on the topic.
 */
final class LiveRun {

    static final String FIRST_STAGE = "lead";
    static final String OTHER_STAGE = "qualified";

    private final Rest rest;
    private final Caller rep;
    private final String pipelineId;

    LiveRun(Rest rest, Caller rep, String pipelineId) {
        this.rest = rest;
        this.rep = rep;
        this.pipelineId = pipelineId;
    }

    /** A command that was answered: the event it stored, when it was sent and when its answer had been read. */
    record Command(EventKey event, long sentNanos, long answeredNanos) {
    }

    /**
     * The commands of one run, in no particular order.
     *
     * @param startNanos when the clients were let go
     */
    record Commands(List<Command> commands, long startNanos) {

        long endNanos() {
            return commands.stream().mapToLong(Command::answeredNanos).max().orElse(startNanos);
        }
    }

    /**
     * Runs the clients and returns once all of them have their answers.
     *
     * @param dealPrefix prefix of the deal ids of this run, unique to it
     */
    Commands run(String dealPrefix, int deals, int moves, int clients) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Command>>> results = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                List<String> own = new ArrayList<>();
                for (int deal = client; deal < deals; deal += clients) {
                    own.add("deal-" + dealPrefix + "-" + deal);
                }
                int ownMoves = moves / clients + (client < moves % clients ? 1 : 0);
                results.add(pool.submit(() -> {
                    go.await();
                    return client(own, ownMoves);
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            List<Command> commands = new ArrayList<>();
            for (Future<List<Command>> result : results) {
                try {
                    commands.addAll(result.get());
                } catch (ExecutionException e) {
                    results.forEach(other -> other.cancel(true));
                    throw e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException("a client failed", e.getCause());
                }
            }
            return new Commands(List.copyOf(commands), start);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Command> client(List<String> deals, int moves) {
        if (deals.isEmpty() && moves > 0) {
            throw new IllegalArgumentException("a client without deals cannot move any");
        }
        List<Command> commands = new ArrayList<>(deals.size() + moves);
        for (String deal : deals) {
            commands.add(open(deal));
        }
        boolean[] inOtherStage = new boolean[deals.size()];
        for (int move = 0; move < moves; move++) {
            int deal = move % deals.size();
            inOtherStage[deal] = !inOtherStage[deal];
            commands.add(move(deals.get(deal), inOtherStage[deal] ? OTHER_STAGE : FIRST_STAGE));
        }
        return commands;
    }

    private Command open(String dealId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dealId", dealId);
        body.put("pipelineId", pipelineId);
        body.put("stageId", FIRST_STAGE);
        body.put("title", "Benchmark");
        body.put("ownerId", rep.userId());
        if (rep.team() != null) {
            body.put("teamId", rep.team());
        }
        body.put("amount", "1000.00");
        body.put("currency", "EUR");
        long sent = System.nanoTime();
        Rest.Response response = rest.send(rep, "POST", "deals", body, 201);
        return new Command(new EventKey(dealId, version(response)), sent, response.receivedNanos());
    }

    private Command move(String dealId, String stageId) {
        long sent = System.nanoTime();
        Rest.Response response = rest.send(rep, "PUT", "deals/" + dealId + "/stage", Map.of("stageId", stageId), 200);
        return new Command(new EventKey(dealId, version(response)), sent, response.receivedNanos());
    }

    private static long version(Rest.Response response) {
        JsonNode version = response.body() == null ? null : response.body().get("version");
        if (version == null || !version.canConvertToLong()) {
            throw new IllegalStateException("the answer carries no version: " + response.body());
        }
        return version.asLong();
    }

    /**
     * What the topic reader saw of a run's events.
     *
     * @param label                       the run's name
     * @param clients                     how many clients sent commands
     * @param events                      events stored: one per command
     * @param commandSeconds              from letting the clients go to the last answer
     * @param commandsPerSecond           events stored per second over that window
     * @param deliveredInWindow           of these events, how many had arrived on the topic by the last answer
     * @param deliveredPerSecond          those per second of the window
     * @param backlogAtEnd                events stored but not yet on the topic when the last answer came
     *                                    (missing ones included)
     * @param drainMillis                 from the last answer to the arrival of the last event
     * @param publishedPerSecond          events per second from letting the clients go to the arrival of the
     *                                    last event
     * @param keptUp                      whether the publisher kept pace: the backlog at the end was drained
     *                                    within the p99 command-to-record lag of the run's first half (a
     *                                    publisher that falls behind leaves its last events waiting longer than
     *                                    the early ones did)
     * @param missing                     events that did not arrive before the timeout (left out of the lags)
     * @param commandRoundTripMicros      request sent to answer read
     * @param commandToRecordMicros       answer read to record received
     * @param recordedToCreateTimeMicros  the envelope's recordedAt to the record's CreateTime: from the store
     *                                    to the producer
     * @param createTimeToReceivedMicros  the record's CreateTime to its receipt by this consumer, on the wall
     *                                    clock: from the producer through the broker to the consumer
     */
    record Result(String label, int clients, int events, double commandSeconds, double commandsPerSecond,
                  int deliveredInWindow, double deliveredPerSecond, int backlogAtEnd, double drainMillis,
                  double publishedPerSecond, boolean keptUp, int missing, Stats commandRoundTripMicros,
                  Stats commandToRecordMicros, Stats recordedToCreateTimeMicros,
                  Stats createTimeToReceivedMicros) {

        static Result of(String label, int clients, Commands run, TopicReader reader) {
            long end = run.endNanos();
            int delivered = 0;
            int missing = 0;
            long lastArrival = end;
            List<Command> byAnswer = new ArrayList<>(run.commands());
            byAnswer.sort(Comparator.comparingLong(Command::answeredNanos));
            List<Long> roundTrips = new ArrayList<>();
            List<Long> lags = new ArrayList<>();
            List<Long> firstHalfLags = new ArrayList<>();
            List<Long> storeToProducer = new ArrayList<>();
            List<Long> producerToConsumer = new ArrayList<>();
            for (int i = 0; i < byAnswer.size(); i++) {
                Command command = byAnswer.get(i);
                roundTrips.add((command.answeredNanos() - command.sentNanos()) / 1_000);
                Arrival arrival = reader.firstArrival(command.event());
                if (arrival == null) {
                    missing++;
                    continue;
                }
                if (arrival.receivedNanos() <= end) {
                    delivered++;
                }
                lastArrival = Math.max(lastArrival, arrival.receivedNanos());
                long lag = (arrival.receivedNanos() - command.answeredNanos()) / 1_000;
                lags.add(lag);
                if (i < byAnswer.size() / 2) {
                    firstHalfLags.add(lag);
                }
                if (arrival.createTimeMillis() >= 0) {
                    storeToProducer.add(arrival.recordedToCreateMicros());
                    producerToConsumer.add(arrival.createToReceivedMicros());
                }
            }
            int events = byAnswer.size();
            double window = (end - run.startNanos()) / 1e9;
            double drainMillis = (lastArrival - end) / 1e6;
            double publishSeconds = (lastArrival - run.startNanos()) / 1e9;
            Stats lagStats = lags.isEmpty() ? null : Stats.of(lags);
            long drainBound = firstHalfLags.isEmpty() ? (lagStats == null ? 0 : lagStats.p99())
                    : Stats.of(firstHalfLags).p99();
            boolean keptUp = missing == 0 && drainMillis * 1_000 <= drainBound;
            return new Result(label, clients, events, window, events / window, delivered, delivered / window,
                    events - delivered, drainMillis, (events - missing) / publishSeconds, keptUp, missing,
                    roundTrips.isEmpty() ? null : Stats.of(roundTrips), lagStats,
                    storeToProducer.isEmpty() ? null : Stats.of(storeToProducer),
                    producerToConsumer.isEmpty() ? null : Stats.of(producerToConsumer));
        }
    }
}

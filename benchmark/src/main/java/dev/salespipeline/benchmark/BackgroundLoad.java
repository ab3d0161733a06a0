package dev.salespipeline.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Commands at a steady rate while something else is measured: deals moved between two stages by several clients,
 * each move sent on a clock tick whatever the answers before it took (an open-loop load), so that a slow system
 * meets the load it is given rather than a load that slows down with it. A tick that finds every client busy is
 * counted as missed instead of queued. Each answered move's round trip is kept: the command latency at that rate.
 */
final class BackgroundLoad implements AutoCloseable {

    private final Rest commands;
    private final Caller caller;
    private final List<String> deals;
    private final Map<String, String> stages;
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong missed = new AtomicLong();
    /** Each answered move's round trip, from the request sent to the answer read. */
    private final Queue<Long> roundTripMicros = new ConcurrentLinkedQueue<>();
    private final double perSecond;
    private final int clients;
    private final Semaphore free;
    private final ScheduledExecutorService ticker;
    private final ExecutorService senders;
    private final long startedNanos = System.nanoTime();
    private long stoppedNanos;

    private BackgroundLoad(Rest commands, Caller caller, Map<String, String> dealStages, double perSecond,
                           int clients) {
        this.commands = commands;
        this.caller = caller;
        this.deals = List.copyOf(dealStages.keySet());
        this.stages = new ConcurrentHashMap<>(dealStages);
        this.perSecond = perSecond;
        this.clients = clients;
        this.free = new Semaphore(clients);
        this.ticker = perSecond > 0 ? Executors.newSingleThreadScheduledExecutor() : null;
        this.senders = perSecond > 0 ? Executors.newFixedThreadPool(clients) : null;
    }

    /**
     * Starts moving the deals, each between {@code lead} and {@code qualified} from the stage it is in now.
     *
     * @param dealStages the deals this load may move, none of them moved by anything else meanwhile, and their stages
     * @param perSecond  moves per second; 0 or less for no load at all
     */
    static BackgroundLoad start(Rest commands, Caller caller, Map<String, String> dealStages, double perSecond,
                                int clients) {
        BackgroundLoad load = new BackgroundLoad(commands, caller, dealStages, perSecond, clients);
        if (perSecond > 0) {
            if (dealStages.size() < clients * 2) {
                throw new IllegalArgumentException("a background load of " + clients + " clients needs at least "
                        + clients * 2 + " deals, got " + dealStages.size());
            }
            long period = Math.max(1, Math.round(1e9 / perSecond));
            load.ticker.scheduleAtFixedRate(load::tick, 0, period, TimeUnit.NANOSECONDS);
        }
        return load;
    }

    private void tick() {
        if (!free.tryAcquire()) {
            missed.incrementAndGet();
            return;
        }
        try {
            senders.execute(() -> {
                try {
                    move();
                } finally {
                    free.release();
                }
            });
        } catch (RuntimeException e) {
            free.release();
        }
    }

    private void move() {
        String dealId = null;
        for (int tries = 0; tries < deals.size() && dealId == null; tries++) {
            String candidate = deals.get(Math.floorMod(next.getAndIncrement(), deals.size()));
            if (busy.add(candidate)) {
                dealId = candidate;
            }
        }
        if (dealId == null) {
            missed.incrementAndGet();
            return;
        }
        try {
            String target = "lead".equals(stages.get(dealId)) ? "qualified" : "lead";
            long sentNanos = System.nanoTime();
            Rest.Response answer = commands.send(caller, "PUT", "deals/" + dealId + "/stage",
                    Map.of("stageId", target), 200);
            if (answer.status() == 200) {
                roundTripMicros.add((System.nanoTime() - sentNanos) / 1_000);
                stages.put(dealId, target);
                sent.incrementAndGet();
            }
        } catch (Rest.RestException e) {
            // Most likely the deal was there already (an earlier run moved it): the next move goes the other way.
            stages.put(dealId, "lead".equals(stages.get(dealId)) ? "qualified" : "lead");
            refused.incrementAndGet();
        } finally {
            busy.remove(dealId);
        }
    }

    /** Stops the ticks and waits for the commands under way; interrupted, it stops waiting and keeps the flag. */
    @Override
    public void close() {
        if (ticker != null && !ticker.isShutdown()) {
            ticker.shutdownNow();
            senders.shutdown();
            try {
                ticker.awaitTermination(10, TimeUnit.SECONDS);
                senders.awaitTermination(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (stoppedNanos == 0) {
            stoppedNanos = System.nanoTime();
        }
    }

    /** What the load asked for and what it got; read after {@link #close()}. */
    Map<String, Object> describe() {
        double seconds = Math.max(1e-9, (stoppedNanos - startedNanos) / 1e9);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("targetCommandsPerSecond", perSecond);
        figures.put("clients", clients);
        figures.put("commandsAnswered", sent.get());
        figures.put("commandsRefused", refused.get());
        figures.put("ticksMissed", missed.get());
        figures.put("seconds", seconds);
        figures.put("achievedCommandsPerSecond", perSecond > 0 ? sent.get() / seconds : 0.0);
        figures.put("commandRoundTripMicros", roundTripMicros.isEmpty() ? null : Stats.of(List.copyOf(roundTripMicros)));
        return figures;
    }
}

package dev.salespipeline.benchmark;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import tools.jackson.databind.json.JsonMapper;

/**
 * The clients of a fault run: each works on deals of its own, one command at a time, and sends every command with an
 * {@code Idempotency-Key} to one command-service instance after the other until one answers it: a refused
 * connection, a timeout or a 5xx is sent again, with the same key, to the next instance. What was accepted (2xx) goes
 * into the client log with the version the answer named; a 4xx is logged as refused (a defect in a run whose
 * commands are all valid). At a given rate, the clients together start at most that many commands a second: one
 * every 1/rate s, in turn; a client held up (by an outage) starts its next command at once but does not make up for
 * the ones it missed, so the load after a fault is the load before it.
 */
final class FaultClients {

    static final List<String> STAGES = List.of("lead", "qualified", "proposal-sent");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);

    /** A command the stack accepted: what it was for and the deal version its answer named. */
    record Accepted(String dealId, String pipelineId, String kind, long version, long answeredAtNanos) {
    }

    /** A command answered with a 4xx, or never answered. */
    record Refused(String dealId, String kind, int status, String answer) {
    }

    private final List<URI> commandServices;
    private final String token;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    final List<Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
    final List<Refused> refused = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong resent = new AtomicLong();
    /** Nanoseconds between two commands of all clients together; 0: each as soon as the one before is answered. */
    private final long interval;
    /** When the next command may start ({@link System#nanoTime()}). */
    private final AtomicLong nextStart = new AtomicLong(System.nanoTime());

    /**
     * @param rate commands per second of all clients together, 0 for as fast as the stack answers
     */
    FaultClients(List<URI> commandServices, String token, JsonMapper json, double rate) {
        if (rate < 0) {
            throw new IllegalArgumentException("the rate cannot be negative: " + rate);
        }
        this.commandServices = List.copyOf(commandServices);
        this.token = token;
        this.json = json;
        this.interval = rate == 0 ? 0 : Math.round(1e9 / rate);
    }

    /** Waits for this client's turn at the rate. */
    private void pace() {
        if (interval == 0) {
            return;
        }
        long start = nextStart.getAndUpdate(next -> Math.max(next, System.nanoTime()) + interval);
        long wait = start - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /**
     * One client's work until {@code goOn} says stop, or until it has sent {@code maxCommands} (0: no such limit):
     * opens deals (at most {@code maxOpen} open at a time), moves them forward and back, wins and loses them; every
     * choice from {@code random}. With a {@code businessTime}, the client's commands say they happened at it plus
     * the client's number in hours plus 20 s for each command before, so that the same seed makes the same
     * history, business times included, whenever and however fast it is sent; without, they happen when they are
     * sent.
     */
    void work(int client, String run, List<String> pipelines, Random random, BooleanSupplier goOn, int maxOpen,
              int maxCommands, Instant businessTime) {
        List<String[]> open = new ArrayList<>(); // deal id, pipeline id, stage index
        int opened = 0;
        for (int sent = 0; goOn.getAsBoolean() && (maxCommands == 0 || sent < maxCommands); sent++) {
            pace();
            Map<String, Object> time = businessTime == null ? Map.of() : Map.of("occurredAt", businessTime
                    .plus(Duration.ofHours(client)).plusSeconds(20L * sent).toString());
            int roll = random.nextInt(100);
            if (open.size() < maxOpen && (open.isEmpty() || roll < 25)) {
                String dealId = "deal-" + run + "-c" + client + "-d" + opened++;
                String pipeline = pipelines.get(random.nextInt(pipelines.size()));
                Map<String, Object> body = new HashMap<>();
                body.put("dealId", dealId);
                body.put("pipelineId", pipeline);
                body.put("stageId", STAGES.get(0));
                body.put("title", "Seats for customer " + random.nextInt(100_000));
                body.put("ownerId", "rep-" + random.nextInt(12));
                body.put("amount", BigDecimal.valueOf(500 + random.nextInt(50_000)).setScale(2));
                body.put("currency", "EUR");
                body.putAll(time);
                if (send(dealId, pipeline, "open", "POST", "deals", body)) {
                    open.add(new String[] {dealId, pipeline, "0"});
                }
                continue;
            }
            String[] deal = open.get(random.nextInt(open.size()));
            int stage = Integer.parseInt(deal[2]);
            if (roll < 75) {
                int to = stage + (stage > 0 && (random.nextInt(4) == 0 || stage == STAGES.size() - 1) ? -1 : 1);
                Map<String, Object> move = new HashMap<>(time);
                move.put("stageId", STAGES.get(to));
                if (send(deal[0], deal[1], "move", "PUT", "deals/" + deal[0] + "/stage", move)) {
                    deal[2] = Integer.toString(to);
                }
            } else {
                boolean won = roll < 88;
                Map<String, Object> body = new HashMap<>(time);
                body.put("outcome", won ? "WON" : "LOST");
                if (!won) {
                    body.put("reason", "Price");
                }
                send(deal[0], deal[1], won ? "win" : "lose", "PUT", "deals/" + deal[0] + "/outcome", body);
                open.remove(deal);
            }
        }
    }

    /** Sends one command until an instance answers it; true if it was accepted. */
    boolean send(String dealId, String pipelineId, String kind, String method, String path, Object body) {
        String key = UUID.randomUUID().toString();
        String text = json.writeValueAsString(body);
        long giveUpAt = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        int first = Math.floorMod(key.hashCode(), commandServices.size());
        for (int attempt = 0; ; attempt++) {
            URI base = commandServices.get((first + attempt) % commandServices.size());
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .method(method, HttpRequest.BodyPublishers.ofString(text))
                    .build();
            int status;
            String answer;
            HttpResponse<String> response = null;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                answer = response.body();
            } catch (IOException e) {
                status = -1;
                answer = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                refused.add(new Refused(dealId, kind, -1, "interrupted"));
                return false;
            }
            if (status / 100 == 2) {
                String etag = response.headers().firstValue("ETag").orElse("\"-1\"").replace("\"", "");
                accepted.add(new Accepted(dealId, pipelineId, kind, Long.parseLong(etag), System.nanoTime()));
                return true;
            }
            if (status / 100 == 4 && status != 408 && status != 429) {
                refused.add(new Refused(dealId, kind, status, answer));
                return false;
            }
            if (System.nanoTime() > giveUpAt) {
                refused.add(new Refused(dealId, kind, status, "no instance answered within " + GIVE_UP_AFTER
                        + ": " + answer));
                return false;
            }
            resent.incrementAndGet();
            try {
                Thread.sleep(Math.min(2_000, 100L * (attempt + 1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}

package dev.salespipeline.query.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.activity.ActivityAttached;
import dev.salespipeline.api.activity.ActivityIds;
import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.activity.ActivityMatch;
import dev.salespipeline.api.activity.ActivityReceived;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.ClientInfo;
import dev.salespipeline.api.deal.CommentAdded;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealDetails;
import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.EmailLogged;
import dev.salespipeline.api.deal.EmailOpened;
import dev.salespipeline.api.deal.ExpectedCloseDateChanged;
import dev.salespipeline.api.deal.MeetingLogged;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.ProbabilityOverridden;
import dev.salespipeline.api.deal.TaskCancelled;
import dev.salespipeline.api.deal.TaskCompleted;
import dev.salespipeline.api.deal.TaskRescheduled;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;

/**
 * A seeded history of deals as the command side could record it, every kind of deal event included (tasks
 * scheduled, moved, done and cancelled, e-mails opened, hand-overs, transfers, wins, losses and reopenings), plus
 * unmatched calls attached later. Each deal's events are in its sequence; deals interleave at random.
 */
final class RandomDealHistory {

    private static final List<String> STAGES = List.of("lead", "qualified", "proposal", "negotiation", "contract");

    private final Random random;
    private final String prefix;
    /** Owners of this history only, so that the teams it states do not change anyone else's. */
    private final List<String> owners;
    private final Instant start = Instant.parse("2026-10-01T08:00:00Z");
    private final List<EventEnvelope<?>> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private long clock;
    /** Dates some events back, when set, without changing what else the seed makes. */
    private Random backdating;

    RandomDealHistory(long seed) {
        this.random = new Random(seed);
        String run = UUID.randomUUID().toString().substring(0, 8);
        this.prefix = "deal-batch-" + run + "-";
        this.owners = List.of("rep-" + run + "-anna", "rep-" + run + "-ben", "rep-" + run + "-sam");
    }

    /** What the ids of this history's deals (and of its activities' external ids) start with. */
    String prefix() {
        return prefix;
    }

    /** What the ids of this history's owners start with. */
    String ownerPrefix() {
        return owners.get(0).substring(0, owners.get(0).length() - "anna".length());
    }

    List<EventEnvelope<?>> events() {
        return List.copyOf(events);
    }

    /**
     * Dates about one event in four back by up to five days, as events recorded late (a call logged the next
     * day, a change entered as of last week), so that a deal's business time is not the order of its sequence.
     */
    RandomDealHistory backdated(long seed) {
        backdating = new Random(seed);
        return this;
    }

    /** A deal with about {@code steps} events after its opening. */
    RandomDealHistory deal(int number, int steps) {
        new DealScript(prefix + number).run(steps);
        return this;
    }

    /** Interleaves the events of {@code deals} deals with up to {@code steps} events each. */
    RandomDealHistory deals(int deals, int steps) {
        List<DealScript> scripts = new ArrayList<>();
        for (int i = 0; i < deals; i++) {
            scripts.add(new DealScript(prefix + "m" + i));
        }
        scripts.forEach(script -> script.step(0));
        for (int round = 1; round <= steps; round++) {
            for (DealScript script : scripts) {
                if (random.nextInt(3) > 0) {
                    script.step(round);
                }
            }
        }
        return this;
    }

    private Instant next() {
        clock += 1 + random.nextInt(7200);
        return start.plusSeconds(clock);
    }

    private Instant late(Instant at) {
        if (backdating == null || backdating.nextInt(4) > 0) {
            return at;
        }
        return at.minusSeconds(1 + backdating.nextInt(5 * 24 * 3600)).plusMillis(backdating.nextInt(1000));
    }

    private void record(DomainEvent event) {
        long sequence = sequences.merge(event.aggregateId(), 1L, Long::sum) - 1;
        Class<?> type = event.getClass();
        events.add(new EventEnvelope<>(UUID.nameUUIDFromBytes((prefix + event.aggregateId() + sequence).getBytes())
                .toString(), EventTypes.nameOf(type), EventTypes.versionOf(type), event.aggregateId(), sequence,
                events.size(), event.occurredAt(), event.occurredAt().plusSeconds(1), "anna", "web",
                "c-" + event.aggregateId() + "-" + sequence, event));
    }

    private Money money() {
        return new Money(BigDecimal.valueOf(100 + random.nextInt(100_000), random.nextInt(3)),
                random.nextBoolean() ? "EUR" : "USD");
    }

    /** One deal's events, valid in the order the command side would accept them. */
    private final class DealScript {
        private final String dealId;
        private String pipeline = "sales";
        private int stage;
        private String status = "OPEN";
        private String owner = owners.get(0);
        private String team = "north";
        private Money amount;
        private DealDetails details = new DealDetails("Deal", ClientInfo.NONE, null, null);
        private final List<String> openTasks = new ArrayList<>();
        private final Map<String, Instant> due = new HashMap<>();
        private final List<String> emails = new ArrayList<>();
        private int counter;

        DealScript(String dealId) {
            this.dealId = dealId;
        }

        void run(int steps) {
            for (int i = 0; i <= steps; i++) {
                step(i);
            }
        }

        void step(int index) {
            Instant at = late(next());
            if (index == 0) {
                amount = random.nextBoolean() ? money() : null;
                details = new DealDetails("Deal " + dealId, ClientInfo.NONE, null, null);
                record(new DealOpened(dealId, pipeline, STAGES.get(0), details.title(), owner, team, amount, at));
                return;
            }
            if (!"OPEN".equals(status)) {
                if (random.nextInt(3) == 0) {
                    status = "OPEN";
                    stage = random.nextInt(STAGES.size());
                    record(new DealReopened(dealId, pipeline, STAGES.get(stage), at));
                } else {
                    record(new CommentAdded(dealId, "comment-" + counter++, "after closing", at));
                }
                return;
            }
            switch (random.nextInt(17)) {
                case 0, 1 -> {
                    int to = random.nextInt(STAGES.size());
                    record(new DealMovedToStage(dealId, pipeline, STAGES.get(stage), STAGES.get(to), at));
                    stage = to;
                }
                case 2 -> {
                    Money previous = amount;
                    amount = money();
                    record(new DealAmountChanged(dealId, previous, amount, at));
                }
                case 3 -> {
                    DealDetails previous = details;
                    details = new DealDetails("Deal " + dealId + " v" + counter++,
                            new ClientInfo("Company " + counter, "Contact", null, "+49 30 " + counter, null, "Retail"),
                            "web", "Product");
                    record(new DealDetailsEdited(dealId, previous, details, at));
                }
                case 4 -> {
                    String previous = owner;
                    String previousTeam = team;
                    owner = owners.get(random.nextInt(owners.size()));
                    team = owner.endsWith("sam") ? "south" : "north";
                    record(new DealHandedOver(dealId, previous, owner, previousTeam, team, "holiday", at));
                }
                case 5, 6 -> {
                    String task = "task-" + counter++;
                    Instant dueAt = at.plus(Duration.ofHours(1 + random.nextInt(200)));
                    openTasks.add(task);
                    due.put(task, dueAt);
                    record(new TaskScheduled(dealId, task, "Call back " + task, dueAt, at));
                }
                case 7 -> {
                    if (openTasks.isEmpty()) {
                        record(new CommentAdded(dealId, "comment-" + counter++, "note", at));
                    } else {
                        String task = openTasks.get(random.nextInt(openTasks.size()));
                        Instant dueAt = due.get(task).plus(Duration.ofHours(1 + random.nextInt(48)));
                        record(new TaskRescheduled(dealId, task, due.put(task, dueAt), dueAt, at));
                    }
                }
                case 8 -> {
                    if (openTasks.isEmpty()) {
                        record(new MeetingLogged(dealId, "meeting-" + counter++, "Demo", at, 30, "went well"));
                    } else {
                        String task = openTasks.remove(random.nextInt(openTasks.size()));
                        record(random.nextBoolean() ? new TaskCompleted(dealId, task, at)
                                : new TaskCancelled(dealId, task, at));
                    }
                }
                case 9 -> record(new CallLogged(dealId, "call-" + counter++, Direction.OUTBOUND, at,
                        random.nextInt(900), random.nextBoolean(), "+49 30 555", null, null, null));
                case 10 -> {
                    String email = "email-" + counter++;
                    emails.add(email);
                    record(new EmailLogged(dealId, email, Direction.OUTBOUND, at, "Offer", "anna@example.com",
                            "client@example.com", null));
                }
                case 11 -> record(emails.isEmpty()
                        ? new CommentAdded(dealId, "comment-" + counter++, "note", at)
                        : new EmailOpened(dealId, emails.get(random.nextInt(emails.size())), at));
                case 12 -> record(new ProbabilityOverridden(dealId, null, random.nextBoolean() ? null
                        : random.nextInt(101), at));
                case 13 -> record(new ExpectedCloseDateChanged(dealId, null,
                        LocalDate.of(2026, 12, 1).plusDays(random.nextInt(90)), at));
                case 14 -> {
                    String to = "sales".equals(pipeline) ? "renewals" : "sales";
                    int toStage = random.nextInt(STAGES.size());
                    record(new DealTransferred(dealId, pipeline, STAGES.get(stage), to, STAGES.get(toStage), at));
                    pipeline = to;
                    stage = toStage;
                }
                case 15 -> {
                    status = "WON";
                    record(new DealWon(dealId, pipeline, STAGES.get(stage), random.nextBoolean() ? money() : null,
                            at));
                }
                default -> {
                    if (random.nextBoolean()) {
                        status = "LOST";
                        record(new DealLost(dealId, pipeline, STAGES.get(stage), "Price", "too dear", at));
                    } else {
                        String externalId = dealId + "-" + counter++;
                        ActivityReceived received = new ActivityReceived(ActivityIds.of("pbx", externalId), "pbx",
                                externalId, ActivityKind.CALL, Direction.INBOUND, at, 60, true, "+49 30 1", null,
                                null, null, null, null, owner, null, ActivityMatch.UNMATCHED);
                        record(received);
                        if (random.nextBoolean()) {
                            record(new ActivityAttached(received.activityId(), dealId, owner, at.plusSeconds(60)));
                        }
                    }
                }
            }
        }
    }
}

package dev.salespipeline.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.salespipeline.api.Topics;

/**
 * Checks every copy of a fault run's data against the others, each with code of its own (nothing here reuses a
 * projection or a topology):
 * <ol>
 *   <li>the client log against the event store: every accepted command is there once, at the version its answer
 *       named and of its kind, and the store holds nothing for the run's deals that no accepted command explains;</li>
 *   <li>the event store against the topic: per deal every stored sequence is on the topic, the first copies in
 *       order, nothing on the topic that the store does not hold (copies of a record sent again after a crash are
 *       counted, not differences: consumers deduplicate by sequence);</li>
 *   <li>each deal card, on every query-service instance, against a fold of the topic: stage, status, version,
 *       amount, owner and when the deal entered its stage;</li>
 *   <li>the metrics served for each of the run's pipelines against a count over the topic: deals opened (opened
 *       deals), deals won and lost by quarter of the close (win rate), and deals won with the sum of their amounts by
 *       quarter of the win (average deal size);</li>
 *   <li>every dead-letter topic is empty.</li>
 * </ol>
 */
final class Reconciler {

    private static final Map<String, String> EVENT_OF_KIND = Map.of("open", "DealOpened", "move", "DealMovedToStage",
            "win", "DealWon", "lose", "DealLost");
    private static final int MAX_DIFFERENCES = 50;

    private final String kafka;
    private final String postgresUrl;
    private final List<URI> queryServices;
    private final String token;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Reconciler(String kafka, String postgresUrl, List<URI> queryServices, String token, JsonMapper json) {
        this.kafka = kafka;
        this.postgresUrl = postgresUrl;
        this.queryServices = List.copyOf(queryServices);
        this.token = token;
        this.json = json;
    }

    /** What a reconciliation found: its differences (empty when every copy agrees) and what it counted. */
    record Result(List<String> differences, Map<String, Long> counts) {

        boolean agrees() {
            return differences.isEmpty();
        }
    }

    /** One event of a deal as the topic carries it. */
    /**
     * @param amount  the payload's amount ({@code DealOpened}, {@code DealWon}), as written, or null
     * @param ownerId the payload's owner ({@code DealOpened}), or null
     */
    private record Published(long sequence, String type, String pipelineId, String stageId, String occurredAt,
                             String amount, String ownerId) {
    }

    Result reconcile(String run, List<String> pipelines, List<FaultClients.Accepted> accepted) throws Exception {
        List<String> differences = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        String prefix = "deal-" + run + "-";

        // 1. client log against the event store
        Map<String, TreeMap<Long, String>> stored = storedEvents(prefix);
        counts.put("acceptedCommands", (long) accepted.size());
        counts.put("storedEvents", stored.values().stream().mapToLong(Map::size).sum());
        Map<String, Map<Long, String>> acceptedByDeal = new HashMap<>();
        for (FaultClients.Accepted command : accepted) {
            String previous = acceptedByDeal.computeIfAbsent(command.dealId(), deal -> new HashMap<>())
                    .put(command.version(), command.kind());
            if (previous != null) {
                note(differences, command.dealId() + ": two accepted commands answered version " + command.version());
            }
            String type = stored.getOrDefault(command.dealId(), new TreeMap<>()).get(command.version());
            if (type == null) {
                note(differences, command.dealId() + ": accepted " + command.kind() + " at version " + command.version()
                        + " is not in the event store (lost)");
            } else if (!type.equals(EVENT_OF_KIND.get(command.kind()))) {
                note(differences, command.dealId() + ": accepted " + command.kind() + " at version " + command.version()
                        + " is stored as " + type);
            }
        }
        stored.forEach((deal, events) -> events.forEach((sequence, type) -> {
            if (!acceptedByDeal.getOrDefault(deal, Map.of()).containsKey(sequence)) {
                note(differences, deal + ": stored " + type + " at " + sequence + " answers no accepted command "
                        + "(duplicated or unanswered)");
            }
        }));

        // 2. event store against the topic
        unreadable.clear();
        Map<String, List<Published>> topic = publishedEvents(prefix, Set.copyOf(pipelines));
        unreadable.forEach(difference -> note(differences, difference));
        long copies = 0;
        for (Map.Entry<String, TreeMap<Long, String>> deal : stored.entrySet()) {
            List<Published> onTopic = topic.getOrDefault(deal.getKey(), List.of());
            Set<Long> seen = new TreeSet<>();
            long last = -1;
            for (Published event : onTopic) {
                if (!seen.add(event.sequence())) {
                    copies++;
                    continue;
                }
                if (event.sequence() < last) {
                    note(differences, deal.getKey() + ": sequence " + event.sequence() + " on the topic after " + last);
                }
                last = event.sequence();
                if (!deal.getValue().containsKey(event.sequence())) {
                    note(differences, deal.getKey() + ": sequence " + event.sequence() + " on the topic is not stored");
                }
            }
            for (Long sequence : deal.getValue().keySet()) {
                if (!seen.contains(sequence)) {
                    note(differences, deal.getKey() + ": stored sequence " + sequence + " is not on the topic");
                }
            }
        }
        for (String deal : topic.keySet()) {
            if (!stored.containsKey(deal)) {
                note(differences, deal + ": on the topic but not in the event store");
            }
        }
        counts.put("publishedCopiesSentAgain", copies);

        // 3. deal cards against a fold of the topic
        Map<String, String[]> folded = new TreeMap<>(); // deal -> stage, status, version, amount, owner, stage entered
        Map<String, Map<String, Long>> expectedMetrics = new TreeMap<>();
        for (Map.Entry<String, List<Published>> deal : topic.entrySet()) {
            String stage = null;
            String status = "OPEN";
            long version = -1;
            String amount = null;
            String owner = null;
            String stageEnteredAt = null;
            Set<Long> seen = new TreeSet<>();
            for (Published event : deal.getValue()) {
                if (!seen.add(event.sequence())) {
                    continue;
                }
                version = Math.max(version, event.sequence());
                Map<String, Long> metrics = expectedMetrics.computeIfAbsent(event.pipelineId(), p -> new TreeMap<>());
                switch (event.type()) {
                    case "DealOpened" -> {
                        stage = event.stageId();
                        amount = event.amount();
                        owner = event.ownerId();
                        stageEnteredAt = event.occurredAt();
                        metrics.merge("opened", 1L, Long::sum);
                    }
                    case "DealMovedToStage" -> {
                        stage = event.stageId();
                        stageEnteredAt = event.occurredAt();
                    }
                    case "DealWon" -> {
                        status = "WON";
                        metrics.merge("won " + quarter(event.occurredAt()), 1L, Long::sum);
                        if (event.amount() != null) {
                            // average deal size: the deals won in the quarter with their amounts at the win
                            metrics.merge("deal-size won " + quarter(event.occurredAt()), 1L, Long::sum);
                            metrics.merge("deal-size won cents " + quarter(event.occurredAt()),
                                    cents(event.amount()), Long::sum);
                        }
                    }
                    case "DealLost" -> {
                        status = "LOST";
                        metrics.merge("lost " + quarter(event.occurredAt()), 1L, Long::sum);
                    }
                    default -> {
                    }
                }
            }
            folded.put(deal.getKey(), new String[] {stage, status, Long.toString(version), amount, owner,
                    stageEnteredAt});
        }
        long cards = 0;
        for (URI query : queryServices) {
            for (Map.Entry<String, String[]> deal : folded.entrySet()) {
                JsonNode card = get(query, "deals/" + deal.getKey());
                cards++;
                String[] expected = deal.getValue();
                String actual = card == null ? "no card" : card.path("stageId").asString() + " "
                        + card.path("status").asString() + " " + card.path("version").asLong() + " "
                        + decimal(card.path("amount").path("amount").asString(null)) + " "
                        + card.path("ownerId").asString(null) + " " + instant(card.path("stageEnteredAt").asString(null));
                String wanted = expected[0] + " " + expected[1] + " " + expected[2] + " " + decimal(expected[3]) + " "
                        + expected[4] + " " + instant(expected[5]);
                if (!actual.equals(wanted)) {
                    note(differences, deal.getKey() + " on " + query + ": card shows " + actual + ", the topic folds to "
                            + wanted);
                }
            }
        }
        counts.put("cardsCompared", cards);

        // 4. metrics against counts over the topic
        for (String pipeline : pipelines) {
            Map<String, Long> expected = expectedMetrics.getOrDefault(pipeline, Map.of());
            Map<String, Long> served = servedMetrics(pipeline);
            Set<String> names = new TreeSet<>(expected.keySet());
            names.addAll(served.keySet());
            for (String name : names) {
                long want = expected.getOrDefault(name, 0L);
                long have = served.getOrDefault(name, 0L);
                if (want != have) {
                    note(differences, pipeline + ": " + name + " served " + have + ", counted over the topic " + want);
                }
            }
        }
        counts.put("metricPipelines", (long) pipelines.size());

        // 5. dead letters
        Map<String, Long> deadLetters = deadLetters();
        deadLetters.forEach((name, records) -> {
            if (records > 0) {
                note(differences, name + " holds " + records + " dead letters");
            }
        });
        counts.put("deadLetterTopics", (long) deadLetters.size());
        return new Result(differences, counts);
    }

    private static void note(List<String> differences, String difference) {
        if (differences.size() < MAX_DIFFERENCES) {
            differences.add(difference);
        } else if (differences.size() == MAX_DIFFERENCES) {
            differences.add("... and more");
        }
    }

    /** An amount as cents, for sums that stay exact (the load's amounts have two decimal places). */
    private static long cents(String amount) {
        return new java.math.BigDecimal(amount).movePointRight(2).longValueExact();
    }

    /** An amount written as the same number whatever its scale, or null. */
    private static String decimal(String amount) {
        return amount == null ? null : new java.math.BigDecimal(amount).stripTrailingZeros().toPlainString();
    }

    /**
     * An instant to the millisecond, written the same way whatever its precision, or null: the read models keep
     * times as MongoDB dates, which hold milliseconds, where events carry nanoseconds.
     */
    private static String instant(String time) {
        return time == null ? null
                : java.time.Instant.parse(time).truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    }

    /** The quarter of an instant in UTC (the stack's company time zone), as the metric keys name it. */
    private static String quarter(String occurredAt) {
        java.time.ZonedDateTime time = java.time.Instant.parse(occurredAt).atZone(java.time.ZoneOffset.UTC);
        return time.getYear() + "-Q" + ((time.getMonthValue() - 1) / 3 + 1);
    }

    private Map<String, TreeMap<Long, String>> storedEvents(String prefix) throws SQLException {
        Map<String, TreeMap<Long, String>> stored = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(postgresUrl, "pipeline", "pipeline");
             PreparedStatement statement = connection.prepareStatement("select aggregateidentifier, sequencenumber, "
                     + "payloadtype from domainevententry where aggregateidentifier like ?")) {
            statement.setString(1, prefix.replace("_", "\\_").replace("%", "\\%") + "%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(3);
                    stored.computeIfAbsent(rows.getString(1), deal -> new TreeMap<>())
                            .put(rows.getLong(2), type.substring(type.lastIndexOf('.') + 1));
                }
            }
        }
        return stored;
    }

    /** Every record of the run's deals on the event topic, in offset order per deal (read committed). */
    private Map<String, List<Published>> publishedEvents(String prefix, Set<String> pipelines) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reconciler-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Map<String, List<Published>> published = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PIPELINE_EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the event topic could not be read to its end within 5 minutes");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() == null || !record.key().startsWith(prefix)) {
                        continue;
                    }
                    JsonNode envelope;
                    try {
                        envelope = json.readTree(record.value());
                    } catch (RuntimeException unreadable) {
                        // a difference to report, not a reason to stop reading the rest of the topic
                        unreadable(record);
                        continue;
                    }
                    JsonNode payload = envelope.path("payload");
                    String pipeline = payload.path("pipelineId").asString();
                    if (!pipelines.contains(pipeline)) {
                        continue;
                    }
                    String stage = payload.has("toStageId") ? payload.path("toStageId").asString()
                            : payload.path("stageId").asString();
                    JsonNode amount = payload.path("amount").path("amount");
                    JsonNode owner = payload.path("ownerId");
                    published.computeIfAbsent(record.key(), deal -> new ArrayList<>()).add(new Published(
                            envelope.path("aggregateSequence").asLong(), envelope.path("type").asString(), pipeline,
                            stage, envelope.path("occurredAt").asString(),
                            amount.isString() ? amount.asString() : null, owner.isString() ? owner.asString() : null));
                }
            }
        }
        return published;
    }

    private final List<String> unreadable = new ArrayList<>();

    private void unreadable(ConsumerRecord<String, String> record) {
        unreadable.add(record.key() + ": the record at " + record.topic() + "-" + record.partition() + "@"
                + record.offset() + " is not a readable envelope");
    }

    /** Deals opened, and won and lost per quarter of the close, as query-service serves them for a pipeline. */
    private Map<String, Long> servedMetrics(String pipeline) throws Exception {
        Map<String, Long> served = new TreeMap<>();
        JsonNode opened = get(queryServices.get(0), "metrics/opened-deals?pipelineId=" + encode(pipeline));
        if (opened != null) {
            for (JsonNode value : opened) {
                if (value.path("key").asString().equals(pipeline)) {
                    served.put("opened", value.path("value").path("dealsOpened").asLong());
                }
            }
        }
        JsonNode winRate = get(queryServices.get(0), "metrics/win-rate?pipelineId=" + encode(pipeline)
                + "&periodType=QUARTER&size=1000");
        if (winRate != null) {
            String rowPrefix = pipeline + "|*|*|QUARTER|";
            for (JsonNode value : winRate) {
                String key = value.path("key").asString();
                if (key.startsWith(rowPrefix)) {
                    String quarter = key.substring(rowPrefix.length());
                    long won = value.path("value").path("won").asLong();
                    long lost = value.path("value").path("lost").asLong();
                    if (won > 0) {
                        served.put("won " + quarter, won);
                    }
                    if (lost > 0) {
                        served.put("lost " + quarter, lost);
                    }
                }
            }
        }
        JsonNode dealSize = get(queryServices.get(0), "metrics/deal-size?pipelineId=" + encode(pipeline)
                + "&periodType=QUARTER&size=1000");
        if (dealSize != null) {
            String rowPrefix = pipeline + "|*|*|QUARTER|";
            for (JsonNode value : dealSize) {
                String key = value.path("key").asString();
                if (key.startsWith(rowPrefix) && key.endsWith("|EUR")) {
                    String quarter = key.substring(rowPrefix.length(), key.length() - "|EUR".length());
                    long won = value.path("value").path("won").asLong();
                    if (won > 0) {
                        served.put("deal-size won " + quarter, won);
                        served.put("deal-size won cents " + quarter,
                                cents(value.path("value").path("wonAmount").asString()));
                    }
                }
            }
        }
        return served;
    }

    /** Records held by every dead-letter topic ({@code *.dlt}) of the broker. */
    private Map<String, Long> deadLetters() throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        Map<String, Long> records = new TreeMap<>();
        try (Admin admin = Admin.create(config)) {
            Set<String> names = admin.listTopics().names().get().stream()
                    .filter(name -> name.endsWith(".dlt"))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (names.isEmpty()) {
                return records;
            }
            Properties consumerConfig = new Properties();
            consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                    new StringDeserializer())) {
                for (String name : names) {
                    List<TopicPartition> partitions = consumer.partitionsFor(name).stream()
                            .map(info -> new TopicPartition(name, info.partition()))
                            .toList();
                    Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
                    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                    records.put(name, partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum());
                }
            }
        }
        return records;
    }

    private JsonNode get(URI base, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? json.readTree(response.body()) : null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

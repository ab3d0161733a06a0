package dev.salespipeline.analytics.app;

import static dev.salespipeline.analytics.EventMother.dealOpened;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import dev.salespipeline.analytics.serde.AmountOutOfRangeException;
import dev.salespipeline.analytics.serde.MatchesOutOfRangeException;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.TranscriptMatch;
import dev.salespipeline.analytics.serde.TimeOutOfRangeException;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.serde.UnknownEventTypeException;
import dev.salespipeline.analytics.serde.UnreadableEventException;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.metrics.OpenedDeals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Records the application cannot handle go to the dead-letter topic with the reason and where they came from,
 * are counted, and the records behind them are processed.
 */
class DeadLetterHandlerTest {

    private static final Instant T0 = Instant.parse("2026-11-16T09:00:00Z");
    private static final String GOOD = toJson(dealOpened("deal-1", "sales", T0));

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void unusableEventsAreDeadLetteredOnceWithTheReasonAndTheEventsBehindThemAreCounted() {
        try (TopologyTestDriver driver = new TopologyTestDriver(AnalyticsTopology.build(CompanyPeriods.UTC), config())) {
            TestInputTopic<String, String> events = driver.createInputTopic(Topics.PIPELINE_EVENTS,
                    Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, String> deadLetters = driver.createOutputTopic(StreamsSettings.DEAD_LETTER_TOPIC,
                    Serdes.String().deserializer(), Serdes.String().deserializer());
            TestOutputTopic<String, OpenedDeals> opened = driver.createOutputTopic(Topics.METRICS_OPENED_DEALS,
                    Serdes.String().deserializer(), JsonSerde.of(OpenedDeals.class).deserializer());

            List<String> poison = List.of(
                    GOOD.replace("\"1000.00\"", "\"123456789012345678901234567890123456\""),
                    GOOD.replace("\"type\":\"DealOpened\"", "\"type\":\"DealTeleported\""),
                    GOOD.replace("\"pipelineId\":\"sales\",", ""),
                    GOOD.substring(0, GOOD.length() / 2));
            poison.forEach(value -> events.pipeInput("deal-1", value, T0));
            events.pipeInput("deal-1", GOOD, T0);

            List<TestRecord<String, String>> dead = deadLetters.readRecordsToList();
            assertThat(dead).extracting(TestRecord::value).containsExactlyElementsOf(poison);
            // Where Money refuses such an amount itself, the payload is unreadable rather than out of range
            assertThat(dead).extracting(record -> header(record.headers(), "__streams.errors.exception")).satisfiesExactly(
                    exception -> assertThat(exception).isIn(AmountOutOfRangeException.class.getName(),
                            UnreadableEventException.class.getName()),
                    exception -> assertThat(exception).isEqualTo(UnknownEventTypeException.class.getName()),
                    exception -> assertThat(exception).isEqualTo(UnreadableEventException.class.getName()),
                    exception -> assertThat(exception).isEqualTo(UnreadableEventException.class.getName()));
            assertThat(dead).extracting(record -> header(record.headers(), "__streams.errors.message")).satisfiesExactly(
                    reason -> assertThat(reason).isNotBlank(),
                    reason -> assertThat(reason).contains("unknown event type: DealTeleported"),
                    reason -> assertThat(reason).contains("not a valid DealOpened payload").contains("pipelineId"),
                    reason -> assertThat(reason).contains("not an event envelope"));
            assertThat(dead).allSatisfy(record -> {
                assertThat(record.key()).isEqualTo("deal-1");
                assertThat(header(record.headers(), "__streams.errors.topic")).isEqualTo(Topics.PIPELINE_EVENTS);
                assertThat(header(record.headers(), "__streams.errors.partition")).isEqualTo("0");
            });
            assertThat(dead).extracting(record -> header(record.headers(), "__streams.errors.offset"))
                    .containsExactly("0", "1", "2", "3");

            assertThat(opened.readKeyValuesToMap()).containsExactly(Map.entry("sales", new OpenedDeals("sales", 1)));
            assertThat(deadLetters("UnreadableEventException") + deadLetters("AmountOutOfRangeException")).isEqualTo(3);
            assertThat(deadLetters("UnknownEventTypeException")).isEqualTo(1);
        }
    }

    @Test
    void anEventAtATimeTheMetricsCannotCountIsDeadLetteredBeforeItsTimestampIsTakenAndTheStreamGoesOn() {
        try (TopologyTestDriver driver = new TopologyTestDriver(AnalyticsTopology.build(CompanyPeriods.UTC), config())) {
            TestInputTopic<String, String> events = driver.createInputTopic(Topics.PIPELINE_EVENTS,
                    Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, String> deadLetters = driver.createOutputTopic(StreamsSettings.DEAD_LETTER_TOPIC,
                    Serdes.String().deserializer(), Serdes.String().deserializer());
            TestOutputTopic<String, OpenedDeals> opened = driver.createOutputTopic(Topics.METRICS_OPENED_DEALS,
                    Serdes.String().deserializer(), JsonSerde.of(OpenedDeals.class).deserializer());
            assertThat(GOOD).contains(T0.toString());

            // 300 million years from now: more milliseconds than a record's timestamp holds
            String far = GOOD.replace(T0.toString(), "+300000000-11-16T09:00:00Z");
            events.pipeInput("deal-1", far, T0);
            events.pipeInput("deal-1", GOOD, T0);

            assertThat(deadLetters.readRecordsToList()).singleElement().satisfies(record -> {
                assertThat(record.value()).isEqualTo(far);
                assertThat(header(record.headers(), "__streams.errors.exception"))
                        .isEqualTo(TimeOutOfRangeException.class.getName());
                assertThat(header(record.headers(), "__streams.errors.message")).contains("outside the years 1 to 9999");
            });
            assertThat(opened.readKeyValuesToMap()).containsExactly(Map.entry("sales", new OpenedDeals("sales", 1)));
        }
    }

    @Test
    void aCallWithMoreTranscriptMatchesThanACallRecordsIsDeadLetteredAndTheStreamGoesOn() {
        try (TopologyTestDriver driver = new TopologyTestDriver(AnalyticsTopology.build(CompanyPeriods.UTC), config())) {
            TestInputTopic<String, String> events = driver.createInputTopic(Topics.PIPELINE_EVENTS,
                    Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, String> deadLetters = driver.createOutputTopic(StreamsSettings.DEAD_LETTER_TOPIC,
                    Serdes.String().deserializer(), Serdes.String().deserializer());
            TestOutputTopic<String, OpenedDeals> opened = driver.createOutputTopic(Topics.METRICS_OPENED_DEALS,
                    Serdes.String().deserializer(), JsonSerde.of(OpenedDeals.class).deserializer());
            List<TranscriptMatch> tooMany = java.util.stream.IntStream.rangeClosed(0, TranscriptMatch.MAX_PER_CALL)
                    .mapToObj(i -> new TranscriptMatch("en", "profanity", "damn", 0, 4, "damn")).toList();
            String call = toJson(dev.salespipeline.analytics.EventMother.envelope(1, new CallLogged("deal-1", "c-1",
                    Direction.OUTBOUND, T0, 60, true, null, null, "damn", null, tooMany)));

            events.pipeInput("deal-1", call, T0);
            events.pipeInput("deal-1", GOOD, T0);

            assertThat(deadLetters.readRecordsToList()).singleElement().satisfies(record -> {
                assertThat(record.value()).isEqualTo(call);
                assertThat(header(record.headers(), "__streams.errors.exception"))
                        .isEqualTo(MatchesOutOfRangeException.class.getName());
                assertThat(header(record.headers(), "__streams.errors.message")).contains("at most 500");
            });
            assertThat(opened.readKeyValuesToMap()).containsExactly(Map.entry("sales", new OpenedDeals("sales", 1)));
        }
    }

    @Test
    void aRecordThatFailsInAProcessorIsDeadLetteredAndTheNextOneIsProcessed() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("in-source"))
                .mapValues(value -> {
                    if (value.equals("boom")) {
                        throw new IllegalStateException("cannot process " + value);
                    }
                    return value.toUpperCase();
                }, Named.as("upper"))
                .to("out", Produced.with(Serdes.String(), Serdes.String()).withName("out-sink"));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in",
                    Serdes.String().serializer(), Serdes.String().serializer());
            in.pipeInput("k", "boom");
            in.pipeInput("k", "fine");

            List<TestRecord<String, String>> dead = driver.createOutputTopic(StreamsSettings.DEAD_LETTER_TOPIC,
                    Serdes.String().deserializer(), Serdes.String().deserializer()).readRecordsToList();
            assertThat(dead).singleElement().satisfies(record -> {
                assertThat(record.value()).isEqualTo("boom");
                assertThat(header(record.headers(), "__streams.errors.exception"))
                        .isEqualTo(IllegalStateException.class.getName());
                assertThat(header(record.headers(), "__streams.errors.message")).isEqualTo("cannot process boom");
            });
            assertThat(driver.createOutputTopic("out", Serdes.String().deserializer(), Serdes.String().deserializer())
                    .readValuesToList()).containsExactly("FINE");
            assertThat(deadLetters("IllegalStateException")).isEqualTo(1);
        }
    }

    @Test
    void aRecordTooLargeToWriteIsDeadLetteredWhileRetriableSendErrorsAreRetried() {
        DeadLetterHandler handler = new DeadLetterHandler();
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, StreamsSettings.DEAD_LETTER_TOPIC,
                DeadLetterHandler.METER_REGISTRY_CONFIG, registry));
        ProducerRecord<byte[], byte[]> output = new ProducerRecord<>(Topics.METRICS_OPENED_DEALS, new byte[1], new byte[1]);

        ProductionExceptionHandler.Response tooLarge = handler.handleError(context(), output,
                new RecordTooLargeException("too large"));
        assertThat(tooLarge.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(tooLarge.deadLetterQueueRecords()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(StreamsSettings.DEAD_LETTER_TOPIC);
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("the input");
        });
        assertThat(deadLetters("RecordTooLargeException")).isEqualTo(1);

        assertThat(handler.handleError(context(), output, new TimeoutException("slow")).result())
                .isEqualTo(ProductionExceptionHandler.Result.RETRY);
        assertThat(handler.handleError(context(), output, new TopicAuthorizationException("denied")).result())
                .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }

    @Test
    void anAmountThatMoneyRefusesIsDeadLetteredAsAnUnreadablePayload() {
        try (TopologyTestDriver driver = new TopologyTestDriver(AnalyticsTopology.build(CompanyPeriods.UTC), config())) {
            TestInputTopic<String, String> events = driver.createInputTopic(Topics.PIPELINE_EVENTS,
                    Serdes.String().serializer(), Serdes.String().serializer());
            events.pipeInput("deal-1", GOOD.replace("\"1000.00\"", "\"-1000.00\""), T0);

            assertThat(driver.createOutputTopic(StreamsSettings.DEAD_LETTER_TOPIC, Serdes.String().deserializer(),
                    Serdes.String().deserializer()).readRecordsToList()).singleElement().satisfies(record -> {
                        assertThat(header(record.headers(), "__streams.errors.exception"))
                                .isEqualTo(UnreadableEventException.class.getName());
                        assertThat(header(record.headers(), "__streams.errors.message")).contains("must not be negative");
                    });
            assertThat(deadLetters("UnreadableEventException")).isEqualTo(1);
        }
    }

    private Properties config() {
        Properties config = StreamsSettings.config("unused:9092", "dead-letter-test",
                System.getProperty("java.io.tmpdir") + "/dead-letter-test", "at_least_once", 1, 1);
        config.put(DeadLetterHandler.METER_REGISTRY_CONFIG, registry);
        return config;
    }

    private double deadLetters(String reason) {
        Counter counter = registry.find(DeadLetterHandler.COUNTER)
                .tags("consumer", "streams-analytics", "topic", StreamsSettings.DEAD_LETTER_TOPIC, "reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String toJson(Object value) {
        return new String(JsonSerde.of(Object.class).serializer().serialize("t", value), StandardCharsets.UTF_8);
    }

    private static ErrorHandlerContext context() {
        return new ErrorHandlerContext() {
            @Override public String topic() { return Topics.PIPELINE_EVENTS; }
            @Override public int partition() { return 2; }
            @Override public long offset() { return 41; }
            @Override public Headers headers() { return new RecordHeaders(); }
            @Override public String processorNodeId() { return "opened-deals-sink"; }
            @Override public TaskId taskId() { return new TaskId(0, 2); }
            @Override public long timestamp() { return T0.toEpochMilli(); }
            @Override public byte[] sourceRawKey() { return "deal-1".getBytes(StandardCharsets.UTF_8); }
            @Override public byte[] sourceRawValue() { return "the input".getBytes(StandardCharsets.UTF_8); }
        };
    }
}

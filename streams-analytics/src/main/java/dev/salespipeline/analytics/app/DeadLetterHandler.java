package dev.salespipeline.analytics.app;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * How the analytics application treats a record it cannot handle: the one place where failures are classified.
 * Streams creates one instance per role from the class name ({@link StreamsSettings#config}) and hands each the
 * configuration, which carries the dead-letter topic and, from {@link AnalyticsStreams}, the
 * {@link MeterRegistry} under {@value #METER_REGISTRY_CONFIG}.
 *
 * <p>A topology has no I/O but its local stores and the broker, so what fails while reading or processing a
 * record fails the same way every time it is tried: it is permanent.
 * <ul>
 *   <li><b>Cannot be read</b> (deserialization): not JSON or cut short, a required field missing, an unknown event
 *       type, an amount or a time the metrics cannot carry ({@code serde.PipelineEvents} decodes and checks each
 *       event once, when it is read, so none of these reaches a topology or the timestamp extractor) → dead letter,
 *       the partition moves on.</li>
 *   <li><b>Cannot be processed</b> (an exception in a processor or punctuator) → dead letter, the partition moves
 *       on. The record may already have reached the branches of the topology that come before the one that
 *       threw; Streams does not undo those.</li>
 *   <li><b>Cannot be written</b> (production): a record larger than the broker accepts
 *       ({@link RecordTooLargeException}) or one that cannot be serialized → the input record behind it is dead
 *       lettered, as retrying cannot make it fit. A {@link RetriableException} (a broker down, a leader moving,
 *       a timeout) → Streams retries the send, nothing is skipped. Any other production error fails the stream
 *       thread, which the application replaces; it resumes from the last committed offsets.</li>
 * </ul>
 * A dead letter carries the input record's key and value as read, with Streams' headers:
 * {@code __streams.errors.exception} (the exception class), {@code __streams.errors.message} (the reason),
 * {@code __streams.errors.stacktrace}, and {@code __streams.errors.topic}, {@code .partition}, {@code .offset} of
 * the input record. Every dead letter counts in {@value #COUNTER}, tagged with the topic and the exception's
 * simple name as the reason.
 */
public class DeadLetterHandler
        implements DeserializationExceptionHandler, ProcessingExceptionHandler, ProductionExceptionHandler {

    /** Configuration key of the {@link MeterRegistry} the counter goes to; without one, Micrometer's global one. */
    public static final String METER_REGISTRY_CONFIG = "pipeline.dead-letters.meter-registry";

    public static final String COUNTER = "pipeline.consumer.dead.letters";

    static final String CONSUMER = "streams-analytics";

    /** The header Streams gives a dead letter's reason in. */
    static final String MESSAGE_HEADER = "__streams.errors.message";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);

    private final LogAndContinueExceptionHandler unreadable = new LogAndContinueExceptionHandler();
    private final LogAndContinueProcessingExceptionHandler unprocessable = new LogAndContinueProcessingExceptionHandler();
    private final DefaultProductionExceptionHandler unwritable = new DefaultProductionExceptionHandler();
    private MeterRegistry registry = Metrics.globalRegistry;
    private String topic;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topicName = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topicName == null || topicName.toString().isBlank()) {
            throw new ConfigException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topicName,
                    "a dead-letter topic is required: records that cannot be handled are never dropped silently");
        }
        topic = topicName.toString();
        if (configs.get(METER_REGISTRY_CONFIG) instanceof MeterRegistry given) {
            registry = given;
        }
        unreadable.configure(configs);
        unprocessable.configure(configs);
        unwritable.configure(configs);
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                                ConsumerRecord<byte[], byte[]> record,
                                                                Exception exception) {
        DeserializationExceptionHandler.Response response = unreadable.handleError(context, record, exception);
        withReason(response.deadLetterQueueRecords(), exception);
        count(response.deadLetterQueueRecords(), exception);
        return response;
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
                                                           Exception exception) {
        ProcessingExceptionHandler.Response response = unprocessable.handleError(context, record, exception);
        withReason(response.deadLetterQueueRecords(), exception);
        count(response.deadLetterQueueRecords(), exception);
        return response;
    }

    @Override
    public ProductionExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                           ProducerRecord<byte[], byte[]> record,
                                                           Exception exception) {
        if (exception instanceof RetriableException) {
            return ProductionExceptionHandler.Response.retry();
        }
        if (exception instanceof RecordTooLargeException) {
            return deadLetter(unwritable.handleError(context, record, exception), context, record, exception);
        }
        return ProductionExceptionHandler.Response.fail();
    }

    @Override
    @SuppressWarnings("rawtypes") // as the interface declares it
    public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context,
                                                                        ProducerRecord record,
                                                                        Exception exception,
                                                                        SerializationExceptionOrigin origin) {
        return deadLetter(unwritable.handleSerializationError(context, record, exception, origin), context, record,
                exception);
    }

    private ProductionExceptionHandler.Response deadLetter(ProductionExceptionHandler.Response builtIn,
                                                           ErrorHandlerContext context, ProducerRecord<?, ?> record,
                                                           Exception exception) {
        log.warn("Cannot write a record to {}; the input record at {}-{}@{} goes to {}", record.topic(),
                context.topic(), context.partition(), context.offset(), topic, exception);
        List<ProducerRecord<byte[], byte[]>> deadLetters = builtIn.deadLetterQueueRecords();
        withReason(deadLetters, exception);
        count(deadLetters, exception);
        return ProductionExceptionHandler.Response.resume(deadLetters);
    }

    /**
     * Streams writes the exception's message as the reason; some exceptions have none (a record cut short on one of
     * Streams' own binary formats fails with a bare {@code BufferUnderflowException}). The reason is then the first
     * message among its causes, or else what failed, never empty.
     */
    static void withReason(List<ProducerRecord<byte[], byte[]>> deadLetters, Exception exception) {
        for (ProducerRecord<byte[], byte[]> deadLetter : deadLetters) {
            Header message = deadLetter.headers().lastHeader(MESSAGE_HEADER);
            if (message == null || message.value() == null || message.value().length == 0) {
                deadLetter.headers().remove(MESSAGE_HEADER);
                deadLetter.headers().add(MESSAGE_HEADER, reason(exception).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    static String reason(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage();
            }
        }
        return exception.getClass().getSimpleName() + " without a message: the record is not in the form its reader"
                + " expects";
    }

    private void count(List<?> deadLetters, Exception exception) {
        if (deadLetters.isEmpty()) {
            return;
        }
        Counter.builder(COUNTER)
                .description("Records written to a dead-letter topic instead of being processed")
                .tag("consumer", CONSUMER)
                .tag("topic", topic)
                .tag("reason", exception.getClass().getSimpleName())
                .register(registry)
                .increment(deadLetters.size());
    }
}

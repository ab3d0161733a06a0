package dev.salespipeline.kafka.spring;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import dev.salespipeline.kafka.ConsumerWatch;
import dev.salespipeline.kafka.FailureClassifier;
import dev.salespipeline.kafka.FailureKind;

/**
 * The error handler of every Spring Kafka listener of the services: each failure is classified by the service's
 * {@link FailureClassifier}; a {@linkplain FailureKind#PERMANENT permanent} one sends the record at once to its
 * dead-letter topic (Spring Kafka's headers: {@code kafka_dlt-exception-fqcn}, {@code -exception-message},
 * {@code -original-topic}, {@code -original-partition}, {@code -original-offset}, and
 * {@value #CONSUMER_HEADER} naming the consumer group) and the partition moves on; a
 * {@linkplain FailureKind#TRANSIENT transient} one retries the same record with back-off (200 ms doubling up to
 * 30 s), without end and without skipping. Failures and dead letters are reported to the {@link ConsumerWatch},
 * which shows a partition that cannot get past a record in health and metrics.
 */
public final class DeadLetteringErrorHandler {

    public static final String CONSUMER_HEADER = "x-dead-letter-consumer";
    private static final long FIRST_RETRY_MS = 200;
    private static final long LONGEST_RETRY_MS = 30_000;

    private DeadLetteringErrorHandler() {
    }

    /**
     * @param template         sends dead letters; its serializers must accept the records' keys and values as read
     * @param deadLetterTopic  the dead-letter topic of a record
     * @param classifier       the service's classification of failures
     */
    public static DefaultErrorHandler create(KafkaOperations<?, ?> template,
                                             Function<ConsumerRecord<?, ?>, String> deadLetterTopic,
                                             FailureClassifier classifier, ConsumerWatch watch) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(deadLetterTopic.apply(record), -1));
        // The stack trace is kilobytes and says less than the exception's class and message: without it, a dead letter
        // of a record near the size limit still fits.
        publisher.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
        publisher.setHeadersFunction((record, exception) -> {
            RecordHeaders headers = new RecordHeaders();
            String group = KafkaUtils.getConsumerGroupId();
            headers.add(CONSUMER_HEADER, String.valueOf(group).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            Exception reason = reason(exception);
            publisher.accept(record, reason);
            watch.deadLettered(group(), deadLetterTopic.apply(record),
                    new TopicPartition(record.topic(), record.partition()), record.offset(), reason);
        }, retryWithoutEnd());
        handler.setBackOffFunction((record, exception) ->
                classifier.classify(exception) == FailureKind.PERMANENT ? new FixedBackOff(0, 0) : retryWithoutEnd());
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception exception, int deliveryAttempt) {
                if (classifier.classify(exception) == FailureKind.TRANSIENT) {
                    watch.retrying(group(), new TopicPartition(record.topic(), record.partition()), record.offset(),
                            exception, deliveryAttempt);
                }
            }
        });
        return handler;
    }

    /**
     * The failure itself, without the wrappers a listener container or a batch listener puts around it (a batch
     * listener names the failed record with a {@link BatchListenerFailedException}): its class and message are what
     * the dead letter's headers say.
     */
    static Exception reason(Exception exception) {
        Exception reason = exception;
        while ((reason instanceof ListenerExecutionFailedException || reason instanceof BatchListenerFailedException)
                && reason.getCause() instanceof Exception cause && cause != reason) {
            reason = cause;
        }
        return reason;
    }

    private static BackOff retryWithoutEnd() {
        ExponentialBackOff backOff = new ExponentialBackOff(FIRST_RETRY_MS, 2.0);
        backOff.setMaxInterval(LONGEST_RETRY_MS);
        return backOff;
    }

    private static String group() {
        String group = KafkaUtils.getConsumerGroupId();
        return group == null ? "unknown" : group;
    }
}

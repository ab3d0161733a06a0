package dev.salespipeline.query.consumer;

import java.util.Set;

import org.springframework.stereotype.Component;

import dev.salespipeline.kafka.FailureClassifier;
import dev.salespipeline.kafka.FailureKind;
import dev.salespipeline.kafka.TransientFailures;

/**
 * What query-service's consumers (the event listener, the metric and the alert listeners) do when a record fails,
 * written down once.
 *
 * <p><b>Transient: retried with back-off, without end, never skipped</b> (the partition waits; health turns DOWN once
 * it has waited {@code pipeline.consumers.stuck-after}):
 * <ul>
 * <li>MongoDB or Kafka unreachable, a lost connection, a timeout, no primary for now ({@link TransientFailures});</li>
 * <li>a duplicate key on an upsert: two upserts of one new document raced, and the next attempt finds it.</li>
 * </ul>
 * <p><b>Permanent: to the dead-letter topic at once with the reason, and the partition moves on</b>:
 * <ul>
 * <li>a record that cannot be read: not JSON, not an envelope, an unknown event type, a payload missing required
 * fields or holding a value its type refuses ({@code MalformedEventException}, {@code MalformedRecordException});</li>
 * <li>a value the store cannot represent (an amount beyond Decimal128, a document over 16 MiB): the driver's
 * {@code NumberFormatException}, {@code BsonMaximumSizeExceededException}, codec errors;</li>
 * <li>anything else not listed as transient: a record the projections refuse today is refused tomorrow too, and
 * waiting for it would stop every deal behind it on its partition. An operator fixes the cause, then rebuilds the
 * read models, or sends metric and alert records back with {@code POST /admin/dead-letters/{topic}/redrive}.</li>
 * </ul>
 */
@Component
public class ConsumerFailures implements FailureClassifier {

    private static final Set<String> RACES = Set.of("org.springframework.dao.DuplicateKeyException",
            "com.mongodb.DuplicateKeyException");

    @Override
    public FailureKind classify(Throwable failure) {
        if (TransientFailures.isTransient(failure) || TransientFailures.anyCauseIsA(failure, RACES)) {
            return FailureKind.TRANSIENT;
        }
        return FailureKind.PERMANENT;
    }
}

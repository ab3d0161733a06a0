package dev.salespipeline.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLTransientConnectionException;

import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    @Test
    void serversAwayAndTimeoutsPassAnywhereInTheCauseChain() {
        assertThat(TransientFailures.classify(new IllegalStateException("wrapped",
                new RuntimeException(new ConnectException("Connection refused"))))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(TransientFailures.classify(new TimeoutException("no ack"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(TransientFailures.classify(new NotLeaderOrFollowerException("moving")))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(TransientFailures.classify(new RuntimeException(new SQLTransientConnectionException("pool"))))
                .isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void theRecordsOwnFaultsArePermanent() {
        assertThat(TransientFailures.classify(new NumberFormatException("Decimal128"))).isEqualTo(FailureKind.PERMANENT);
        assertThat(TransientFailures.classify(new RecordTooLargeException("too large"))).isEqualTo(FailureKind.PERMANENT);
        assertThat(TransientFailures.classify(new IllegalArgumentException("no"))).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        assertThat(TransientFailures.isTransient(first)).isFalse();
    }
}

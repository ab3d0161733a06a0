package dev.salespipeline.command.activity.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.Topics;

/**
 * Reads reported calls and emails from {@value Topics#ACTIVITY_INGEST} and records each (see
 * {@link IngestTopicConfiguration} for what happens to those that cannot be recorded).
 */
@Component
class IngestTopicListener {

    private final ActivityReports reports;
    private final ActivityIngest ingest;

    IngestTopicListener(ActivityReports reports, ActivityIngest ingest) {
        this.reports = reports;
        this.ingest = ingest;
    }

    @KafkaListener(id = "activity-ingest", topics = Topics.ACTIVITY_INGEST,
            containerFactory = IngestTopicConfiguration.LISTENER_FACTORY)
    void on(ConsumerRecord<byte[], byte[]> record) {
        ingest.record(reports.read(record.value()),
                record.topic() + "-" + record.partition() + "@" + record.offset());
    }
}

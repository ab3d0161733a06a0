package dev.salespipeline.analytics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Runs the metric topologies as one Kafka Streams application; several instances share the work
 * through Kafka Streams' own partition assignment.
 */
@SpringBootApplication
public class StreamsAnalyticsApplication {

    public static void main(String[] args) {
        SpringApplication.run(StreamsAnalyticsApplication.class, args);
    }
}

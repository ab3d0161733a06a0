package dev.salespipeline.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Accepts commands over REST, decides them in Axon aggregates, stores the resulting events in
 * PostgreSQL and publishes them to Kafka.
 */
@SpringBootApplication
public class CommandServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandServiceApplication.class, args);
    }
}

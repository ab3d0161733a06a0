package dev.salespipeline.kafka;

import java.util.Collection;

/** A source of consumers to watch, asked again at every sample, as consumers start, stop and are reassigned. */
@FunctionalInterface
public interface WatchedConsumers {

    Collection<WatchedConsumer> consumers();
}

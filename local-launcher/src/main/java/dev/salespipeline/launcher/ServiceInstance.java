package dev.salespipeline.launcher;

import java.util.Comparator;

/**
 * One of the processes the launcher runs for a service: instance 1 is named after the service's module, the others
 * {@code <module>-<number>} (their logs, their processes, their Kafka Streams state directories).
 */
public record ServiceInstance(Service service, int number) implements Comparable<ServiceInstance> {

    private static final Comparator<ServiceInstance> ORDER =
            Comparator.comparing(ServiceInstance::service).thenComparingInt(ServiceInstance::number);

    public ServiceInstance {
        if (number < 1) {
            throw new IllegalArgumentException("instances are numbered from 1, got " + number);
        }
    }

    /** The first instance of a service: the only one unless {@code --instances} asks for more. */
    public static ServiceInstance first(Service service) {
        return new ServiceInstance(service, 1);
    }

    /** {@code query-service} for the first instance, {@code query-service-2} for the second, and so on. */
    public String name() {
        return number == 1 ? service.module() : service.module() + "-" + number;
    }

    @Override
    public int compareTo(ServiceInstance other) {
        return ORDER.compare(this, other);
    }
}

package dev.salespipeline.analytics.deal;

/**
 * One deal's part under one aggregation key, as it was last counted and as it is now: the aggregate takes
 * {@code before} out and puts {@code after} in. Either is null (the deal starts or stops counting under the
 * key), never both.
 *
 * @param <P> the family's part
 */
public record Recount<P>(P before, P after) {

    public Recount {
        if (before == null && after == null) {
            throw new IllegalArgumentException("a recount takes something out or puts something in");
        }
    }
}

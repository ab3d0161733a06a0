package dev.salespipeline.analytics.velocity;

/**
 * A change of one deal's contribution to one figure: {@code removed} is taken away and {@code added} put in its
 * place. Either may be null (the deal starts or stops counting there), never both.
 */
public record VelocityDelta(VelocityContribution removed, VelocityContribution added) {

    public VelocityDelta {
        if (removed == null && added == null) {
            throw new IllegalArgumentException("a delta removes or adds something");
        }
    }

    VelocityContribution any() {
        return added != null ? added : removed;
    }

    VelocityContribution.Kind kind() {
        return any().kind();
    }
}

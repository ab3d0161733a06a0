package dev.salespipeline.analytics.conversion;

/**
 * A change of one deal's contribution to one metric key: {@code removed} is taken away and {@code added}
 * put in its place. Either may be null (the deal starts or stops contributing to the key), never both.
 */
public record ContributionDelta(ConversionContribution removed, ConversionContribution added) {

    public ContributionDelta {
        if (removed == null && added == null) {
            throw new IllegalArgumentException("a delta removes or adds something");
        }
    }

    ConversionContribution.Kind kind() {
        return added != null ? added.kind() : removed.kind();
    }

    ConversionContribution any() {
        return added != null ? added : removed;
    }
}

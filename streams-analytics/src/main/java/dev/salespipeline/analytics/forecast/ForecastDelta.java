package dev.salespipeline.analytics.forecast;

/**
 * A change of one deal's contribution to one figure: {@code removed} is taken away and {@code added} put in its
 * place. Either may be null (the deal starts or stops counting there), never both.
 */
public record ForecastDelta(ForecastContribution removed, ForecastContribution added) {

    public ForecastDelta {
        if (removed == null && added == null) {
            throw new IllegalArgumentException("a delta removes or adds something");
        }
    }

    ForecastContribution any() {
        return added != null ? added : removed;
    }

    ForecastContribution.Kind kind() {
        return any().kind();
    }
}

package dev.salespipeline.analytics.velocity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.salespipeline.analytics.serde.JsonSerde;

class DurationDistributionTest {

    /** Ten durations in minutes, from a minute to a day. */
    private static final List<Long> MINUTES = List.of(1L, 2L, 5L, 10L, 15L, 30L, 60L, 120L, 240L, 1440L);

    @Test
    void medianAndNinetiethPercentileAreWithinOnePercentOfTheExactValues() {
        DurationDistribution distribution = DurationDistribution.EMPTY;
        for (long minutes : MINUTES) {
            distribution = distribution.adding(minutes * 60_000);
        }

        double[] quantiles = distribution.quantilesSeconds(0.5, 0.9);

        assertThat(distribution.count()).isEqualTo(10);
        // (1 + 2 + 5 + 10 + 15 + 30 + 60 + 120 + 240 + 1440) min = 1923 min, / 10 = 192.3 min, exact
        assertThat(distribution.meanSeconds()).isCloseTo(192.3 * 60, within(1e-9));
        // ranks floor(0.5 x 9) = 4 and floor(0.9 x 9) = 8 of the sorted list: 15 min and 240 min
        assertThat(quantiles[0]).isCloseTo(15 * 60.0, withinPercentage(1));
        assertThat(quantiles[1]).isCloseTo(240 * 60.0, withinPercentage(1));
    }

    @Test
    void aWithdrawnValueLeavesTheDistributionOfTheOthers() {
        DurationDistribution withOutlier = DurationDistribution.EMPTY.adding(60_000).adding(3_600_000)
                .adding(86_400_000).adding(120_000);
        DurationDistribution without = DurationDistribution.EMPTY.adding(60_000).adding(3_600_000).adding(120_000);

        DurationDistribution withdrawn = withOutlier.withdrawing(86_400_000);

        assertThat(withdrawn.count()).isEqualTo(3);
        assertThat(withdrawn.meanSeconds()).isEqualTo(without.meanSeconds());
        assertThat(withdrawn.quantilesSeconds(0, 0.5, 0.9, 1)).containsExactly(without.quantilesSeconds(0, 0.5, 0.9, 1));
        assertThat(withdrawn.quantilesSeconds(1)[0]).isCloseTo(3600.0, withinPercentage(1));
    }

    @Test
    void zeroLengthDurationsCountAndCanBeWithdrawn() {
        DurationDistribution distribution = DurationDistribution.EMPTY.adding(0).adding(0).adding(10_000);

        assertThat(distribution.quantilesSeconds(0.5)[0]).isZero();
        DurationDistribution oneZeroLeft = distribution.withdrawing(0);
        assertThat(oneZeroLeft.quantilesSeconds(0, 1)[0]).isZero();
        assertThat(oneZeroLeft.withdrawing(0).quantilesSeconds(0)[0]).isCloseTo(10.0, withinPercentage(1));
        assertThat(oneZeroLeft.withdrawing(0).withdrawing(10_000).quantilesSeconds(0.5)).isNull();
    }

    @Test
    void survivesTheStoreSerdeAndStaysSmall() {
        DurationDistribution distribution = DurationDistribution.EMPTY;
        for (long minutes : MINUTES) {
            distribution = distribution.adding(minutes * 60_000);
        }
        JsonSerde<DurationDistribution> serde = JsonSerde.of(DurationDistribution.class);

        byte[] stored = serde.serializer().serialize("t", distribution);
        DurationDistribution read = serde.deserializer().deserialize("t", stored);

        assertThat(read.quantilesSeconds(0.5, 0.9)).containsExactly(distribution.quantilesSeconds(0.5, 0.9));
        assertThat(read.count()).isEqualTo(10);
        assertThat(distribution.entered().length).isLessThan(1_000);
    }
}

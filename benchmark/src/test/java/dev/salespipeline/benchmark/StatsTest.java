package dev.salespipeline.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void oneValueIsEveryPercentile() {
        Stats stats = Stats.of(7);

        assertThat(stats).isEqualTo(new Stats(1, 7, 7, 7, 7, 7.0));
    }

    @Test
    void oddCountHasTheMiddleValueAsMedian() {
        // sorted: 1 2 3 4 5; median rank ceil(2.5) = 3 -> 3; p99 rank ceil(4.95) = 5 -> 5
        Stats stats = Stats.of(5, 1, 4, 2, 3);

        assertThat(stats.count()).isEqualTo(5);
        assertThat(stats.min()).isEqualTo(1);
        assertThat(stats.median()).isEqualTo(3);
        assertThat(stats.p99()).isEqualTo(5);
        assertThat(stats.max()).isEqualTo(5);
        assertThat(stats.mean()).isEqualTo(3.0);
    }

    @Test
    void evenCountHasTheLowerMiddleValueAsMedian() {
        // sorted: 10 20 30 40; median rank ceil(2.0) = 2 -> 20; mean 100 / 4 = 25
        Stats stats = Stats.of(40, 10, 30, 20);

        assertThat(stats.median()).isEqualTo(20);
        assertThat(stats.p99()).isEqualTo(40);
        assertThat(stats.mean()).isEqualTo(25.0);
    }

    @Test
    void p99OfAHundredValuesIsTheSecondLargest() {
        // 1..100: p99 rank ceil(99.0) = 99 -> 99; median rank 50 -> 50
        long[] values = new long[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = values.length - i;
        }

        Stats stats = Stats.of(values);

        assertThat(stats.p99()).isEqualTo(99);
        assertThat(stats.median()).isEqualTo(50);
        assertThat(stats.max()).isEqualTo(100);
        assertThat(stats.mean()).isEqualTo(50.5);
    }

    @Test
    void p99OfTwoHundredValuesIsTheThirdLargest() {
        // 1..200: p99 rank ceil(198.0) = 198 -> 198
        long[] values = new long[200];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1;
        }

        assertThat(Stats.of(values).p99()).isEqualTo(198);
    }

    @Test
    void p99OfFewerThanAHundredValuesIsTheMaximum() {
        // 10 values: p99 rank ceil(9.9) = 10 -> the largest, however far out it is
        Stats stats = Stats.of(List.of(3L, 1L, 2L, 2L, 1000L, 3L, 1L, 2L, 3L, 2L));

        assertThat(stats.p99()).isEqualTo(1000);
        assertThat(stats.median()).isEqualTo(2);
        assertThat(stats.mean()).isEqualTo(101.9);
    }

    @Test
    void negativeValuesCount() {
        // a record can arrive before the answer of its command: sorted -3 -1 2 -> median -1
        Stats stats = Stats.of(2, -3, -1);

        assertThat(stats.min()).isEqualTo(-3);
        assertThat(stats.median()).isEqualTo(-1);
        assertThat(stats.max()).isEqualTo(2);
    }

    @Test
    void doesNotReorderTheCallersArray() {
        long[] values = {3, 1, 2};

        Stats.of(values);

        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void percentileOfSortedValues() {
        long[] sorted = {1, 2, 3, 4};

        assertThat(Stats.percentile(sorted, 0.25)).isEqualTo(1);
        assertThat(Stats.percentile(sorted, 0.26)).isEqualTo(2);
        assertThat(Stats.percentile(sorted, 0.75)).isEqualTo(3);
        assertThat(Stats.percentile(sorted, 1.0)).isEqualTo(4);
    }

    @Test
    void refusesNoValuesAndFractionsOutsideTheRange() {
        assertThatThrownBy(() -> Stats.of(new long[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentile(new long[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentile(new long[] {1}, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}

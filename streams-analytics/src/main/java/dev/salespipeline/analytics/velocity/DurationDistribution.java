package dev.salespipeline.analytics.velocity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.Store;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;

/**
 * A distribution of durations that can take a value back: the exact count and total, and quantiles from
 * DDSketch (relative accuracy {@value #RELATIVE_ACCURACY}) rather than every value.
 *
 * <p>A deal's time in a stage grows when the deal comes back to the stage and leaves it again, and a deal
 * handed over moves to another owner's figures, so a value once counted must sometimes be taken back. A
 * DDSketch only adds. This keeps two of them with the same index mapping: one of the values entered, one of
 * the values withdrawn. Each value falls in a bin chosen by the mapping alone, so a withdrawn value lands in
 * the very bin its entry did, and the bin-by-bin difference of the two sketches is exactly the sketch of the
 * values that remain: its quantiles keep the 1 % guarantee. Both sketches are stored in DDSketch's own
 * compact binary encoding (bins as variable-length integers, the mapping included). Their size is bounded
 * by the number of bins, about 1,000 between one second and ten years, however many values come and go.
 *
 * @param count       values now in the distribution
 * @param totalMillis their sum, in milliseconds
 * @param entered     DDSketch encoding of every value entered, in seconds; null while none was
 * @param withdrawn   DDSketch encoding of every value withdrawn, in seconds; null while none was
 */
public record DurationDistribution(long count, long totalMillis, byte[] entered, byte[] withdrawn) {

    public static final double RELATIVE_ACCURACY = 0.01;
    public static final DurationDistribution EMPTY = new DurationDistribution(0, 0, null, null);

    /** The distribution with one more value. */
    public DurationDistribution adding(long millis) {
        return new DurationDistribution(count + 1, totalMillis + millis, accept(entered, millis), withdrawn);
    }

    /** The distribution without a value that was added before. */
    public DurationDistribution withdrawing(long millis) {
        return new DurationDistribution(count - 1, totalMillis - millis, entered, accept(withdrawn, millis));
    }

    /**
     * The distribution of both one's values and the other's: counts and totals added, and the sketches of the
     * values entered and withdrawn merged bin by bin, so that what remains is exactly the bins of the values of
     * both.
     */
    public DurationDistribution plus(DurationDistribution other) {
        return new DurationDistribution(count + other.count, totalMillis + other.totalMillis,
                merge(entered, other.entered), merge(withdrawn, other.withdrawn));
    }

    /** The exact mean in seconds; null when there are no values. */
    public Double meanSeconds() {
        return count <= 0 ? null : totalMillis / 1000.0 / count;
    }

    /**
     * The value in seconds at each quantile, within {@value #RELATIVE_ACCURACY} of the exact value at rank
     * {@code floor(q (count - 1))}; null when there are no values.
     */
    public double[] quantilesSeconds(double... quantiles) {
        if (count <= 0) {
            return null;
        }
        return remaining().getValuesAtQuantiles(quantiles);
    }

    /** The sketch of the values entered and not withdrawn, bin by bin. */
    private DDSketch remaining() {
        DDSketch in = decode(entered);
        DDSketch out = decode(withdrawn);
        Map<Integer, Double> outBins = new HashMap<>();
        out.getPositiveValueStore().forEach(outBins::put);
        DDSketch remaining = new DDSketch(in.getIndexMapping(), UnboundedSizeDenseStore::new);
        Store bins = remaining.getPositiveValueStore();
        in.getPositiveValueStore().forEach((index, entries) -> {
            double left = entries - outBins.getOrDefault(index, 0.0);
            if (left > 0) {
                bins.add(index, left);
            }
        });
        double zeros = zeroCount(in) - zeroCount(out);
        if (zeros > 0) {
            remaining.accept(0.0, zeros);
        }
        return remaining;
    }

    /** Values too small for the mapping (zero-length durations) are counted apart from the bins. */
    private static double zeroCount(DDSketch sketch) {
        return sketch.getCount() - sketch.getPositiveValueStore().getTotalCount()
                - sketch.getNegativeValueStore().getTotalCount();
    }

    private static byte[] merge(byte[] encoded, byte[] other) {
        if (other == null || other.length == 0) {
            return encoded;
        }
        if (encoded == null || encoded.length == 0) {
            return other;
        }
        DDSketch sketch = decode(encoded);
        sketch.mergeWith(decode(other));
        return encode(sketch);
    }

    private static byte[] accept(byte[] encoded, long millis) {
        DDSketch sketch = decode(encoded);
        sketch.accept(Math.max(0, millis) / 1000.0);
        return encode(sketch);
    }

    private static byte[] encode(DDSketch sketch) {
        GrowingByteArrayOutput output = GrowingByteArrayOutput.withDefaultInitialCapacity();
        try {
            sketch.encode(output, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a sketch in memory", e);
        }
        return output.trimmedCopy();
    }

    private static DDSketch decode(byte[] encoded) {
        if (encoded == null || encoded.length == 0) {
            return DDSketches.logarithmicUnboundedDense(RELATIVE_ACCURACY);
        }
        try {
            return DDSketch.decode(ByteArrayInput.wrap(encoded), UnboundedSizeDenseStore::new);
        } catch (IOException e) {
            throw new UncheckedIOException("not a DDSketch encoding", e);
        }
    }
}

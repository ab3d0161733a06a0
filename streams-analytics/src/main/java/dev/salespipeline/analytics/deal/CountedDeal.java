package dev.salespipeline.analytics.deal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a metric family last counted one deal as: its parts, by the key its figures are aggregated under
 * (a pipeline id, say), and the sequence of the deal state they were worked out from.
 *
 * @param appliedSequence the deal state's aggregate sequence when the parts last changed
 * @param parts           the deal's part under each aggregation key; never empty once stored
 * @param <P>             the family's part
 */
public record CountedDeal<P>(long appliedSequence, Map<String, P> parts) {

    public CountedDeal {
        parts = parts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }
}

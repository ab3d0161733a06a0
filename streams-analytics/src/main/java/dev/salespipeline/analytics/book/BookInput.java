package dev.salespipeline.analytics.book;

import java.util.List;

/**
 * What reaches the owner books of a pipeline, keyed by pipeline id: a deal's changed entry, or the pipeline's
 * current stage order (for the bottleneck's tie-break).
 *
 * @param delta      a deal's changed entry; null for a stage order
 * @param stageOrder the pipeline's current stage ids in order; null for a delta
 */
record BookInput(BookDelta delta, List<String> stageOrder) {

    BookInput {
        stageOrder = stageOrder == null ? null : List.copyOf(stageOrder);
    }

    static BookInput of(BookDelta delta) {
        return new BookInput(delta, null);
    }

    static BookInput order(List<String> stageOrder) {
        return new BookInput(null, stageOrder);
    }
}

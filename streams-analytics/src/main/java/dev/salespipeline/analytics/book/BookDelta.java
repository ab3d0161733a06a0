package dev.salespipeline.analytics.book;

/**
 * A change of one deal's entry in the book of one pipeline: {@code removed} is taken out and {@code added} put
 * in. Either may be null (the deal starts or stops counting in the pipeline), never both.
 */
record BookDelta(DealEntry removed, DealEntry added) {

    BookDelta {
        if (removed == null && added == null) {
            throw new IllegalArgumentException("a delta removes or adds something");
        }
    }

    String pipelineId() {
        return added != null ? added.pipelineId() : removed.pipelineId();
    }
}

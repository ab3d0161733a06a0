package dev.salespipeline.analytics.book;

import java.util.List;

/** A pipeline's current stage ids in order (store {@value OwnerBookTopology#STAGE_ORDER_STORE}). */
record StageOrder(List<String> stageIds) {

    StageOrder {
        stageIds = stageIds == null ? List.of() : List.copyOf(stageIds);
    }
}

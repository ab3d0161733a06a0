package dev.salespipeline.query.board;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The board of one pipeline, with the filters of {@code GET /pipelines/{pipelineId}/board}; null filters
 * do not apply.
 *
 * @param sort one of the keys of {@link BoardQuery#SORTS}
 * @param page the page of each column's cards
 * @param after where a column's page ended: then only that column's cards, those after it; null for every column
 * @param size cards per column
 */
public record FindBoard(String pipelineId, String ownerId, String sourceChannel, BigDecimal minAmount,
                        BigDecimal maxAmount, LocalDate closeFrom, LocalDate closeTo, boolean stalledOnly,
                        boolean withoutNextAction, String q, String sort, int page, int size, BoardCursor after) {
}

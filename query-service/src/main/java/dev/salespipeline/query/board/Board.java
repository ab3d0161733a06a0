package dev.salespipeline.query.board;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.salespipeline.api.deal.Money;

/**
 * A pipeline's board: one column per stage, in the pipeline's order, with the open deals in it. Deals in
 * a stage since removed from the pipeline come in columns after the current stages.
 *
 * @param asOf       the moment the board shows, or null for now
 * @param page       the page of each column's cards (paging applies per column)
 * @param totalDeals the deals on the board, over all columns and pages
 */
public record Board(String pipelineId, String name, Instant asOf, List<Column> columns, int page, int size,
                    long totalDeals) {

    /**
     * @param position    the stage's place in the pipeline's current order (0 first), or null for a stage
     *                    no longer in the pipeline
     * @param probability the stage's default win probability (percent), or null for a stage the pipeline
     *                    does not know
     * @param dealCount   the column's deals, over all pages
     * @param totals      the column's amounts per currency, over all pages
     * @param cards       the requested page of the column's deals
     * @param next        the cursor for the column's cards after these ({@code after=}), or null when there are none
     */
    public record Column(String stageId, String name, Integer position, Integer probability, long dealCount,
                         List<Total> totals, List<Card> cards, String next) {
    }

    /**
     * @param amount         the sum of the amounts in this currency
     * @param weightedAmount the sum of amount x probability / 100 over the same deals
     */
    public record Total(String currency,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal weightedAmount) {
    }

    /**
     * @param amount       null when the deal has none yet
     * @param probability  the deal's own probability if overridden, else its stage's default
     * @param nextAction   the open task due first, or null
     * @param daysInStage  whole days since the deal came into its stage
     * @param stalled      longer in the stage than the stage's time limit, or without activity for longer
     *                     than the pipeline's idle limit
     * @param version      the deal's version as this card shows it: the value for {@code If-Match} on a command
     */
    public record Card(String dealId, String title, String company, String ownerId, Money amount, int probability,
                       NextAction nextAction, Instant stageEnteredAt, Long daysInStage, boolean stalled,
                       LocalDate expectedCloseDate, long version) {
    }

    public record NextAction(String taskId, String title, Instant dueAt) {
    }
}

package dev.salespipeline.query.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.salespipeline.api.deal.Money;

/**
 * A pipeline's board as it stood at an instant, in the shape of the live board.
 *
 * @param totalDeals the deals open in the pipeline then that the caller sees, on all pages
 */
public record BoardAsOf(String pipelineId, String name, Instant asOf, List<Column> columns, int page,
                        int size, long totalDeals) {

    /**
     * One stage with its deals then. Count and totals cover all its deals, {@code cards} the requested page.
     *
     * @param position    the column's place on the board, from 0: the pipeline's current stages in their
     *                    current order, then stages removed since that held deals then
     * @param probability the stage's default win probability as it is now
     */
    public record Column(String stageId, String name, int position, Integer probability, long dealCount,
                         List<Total> totals, List<Card> cards) {
    }

    /** The amounts of a column's deals in one currency, and the same weighted by each deal's probability. */
    public record Total(String currency,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal weightedAmount) {
    }

    /**
     * A deal as it stood then. {@code nextAction} and {@code stalled} are not known for past instants and
     * are always null.
     *
     * @param probability the deal's own probability then, or else its stage's current default
     * @param daysInStage whole days from entering the stage to the board's instant
     */
    public record Card(String dealId, String title, String company, String ownerId, Money amount,
                       Integer probability, Object nextAction, Instant stageEnteredAt, long daysInStage,
                       Boolean stalled, LocalDate expectedCloseDate) {
    }
}

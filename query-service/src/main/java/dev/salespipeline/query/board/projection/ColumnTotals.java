package dev.salespipeline.query.board.projection;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The open deals of one owner in one stage of one pipeline, counted and summed: what the columns of an unfiltered board
 * add up, so that a board reads one small document per owner and stage instead of every open deal. Kept by {@link
 * ColumnTotalsProjection} from the changes events make to the deal cards; rows per team, so that a manager's board adds
 * their team's rows only, and per currency.
 *
 * @param revision  how often the document was written: a write replaces only the revision it was read at, so that of
 *                  two writers changing the same document at once, the later one reads it again and tries again
 * @param positions per partition of the event topic, the offset of the last event whose change the document took: an
 *                  event at or below it, delivered again, changes nothing
 */
@Document(ColumnTotals.COLLECTION)
public record ColumnTotals(@Id String id, String pipelineId, String stageId, String ownerId, List<Row> rows,
                           long revision, Map<String, Long> positions) {

    public static final String COLLECTION = "board_column_totals";

    public ColumnTotals {
        rows = rows == null ? List.of() : List.copyOf(rows);
        positions = positions == null ? Map.of() : Map.copyOf(positions);
    }

    /** The id of the totals of an owner's deals in a stage of a pipeline: each part with its length, unambiguous. */
    public static String id(String pipelineId, String stageId, String ownerId) {
        return part(pipelineId) + part(stageId) + part(ownerId);
    }

    private static String part(String value) {
        return value == null ? "~" : value.length() + ":" + value;
    }

    /**
     * The owner's open deals of one team in the stage, in one currency.
     *
     * @param teamId           the deals' team, or null for deals outside any team
     * @param currency         the amounts' currency, or null for deals without an amount (counted, summing nothing)
     * @param amount           the sum of the deals' amounts, at the largest scale among them (as a sum of them has it)
     * @param defaultAmount    the sum of the amounts of the deals without a probability of their own, which the stage's
     *                         probability (read with the board, as it is then) weights; without trailing zeros
     * @param weightedOverride the sum of amount x probability / 100 over the deals with a probability of their own;
     *                         without trailing zeros
     * @param scales           how many of the deals have an amount with 0, 1, 2 ... decimal places: what the scale of
     *                         {@code amount} is once a deal leaves the row; null in rows written before it was kept
     */
    public record Row(String teamId, String currency, long deals, BigDecimal amount, BigDecimal defaultAmount,
                      BigDecimal weightedOverride, List<Long> scales) {
    }
}

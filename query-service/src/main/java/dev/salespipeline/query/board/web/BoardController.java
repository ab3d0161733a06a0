package dev.salespipeline.query.board.web;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.query.board.Board;
import dev.salespipeline.query.board.BoardCursor;
import dev.salespipeline.query.board.BoardQuery;
import dev.salespipeline.query.board.FindBoard;
import dev.salespipeline.query.web.InvalidRequestException;
import dev.salespipeline.query.web.NotFoundException;
import dev.salespipeline.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * The live board of a pipeline: the request checked and bound to a {@link FindBoard}, the board read by
 * {@link BoardQuery}.
 */
@RestController
@Tag(name = "Board", description = "The pipeline's open deals by stage")
class BoardController {

    private final BoardQuery query;

    BoardController(BoardQuery query) {
        this.query = query;
    }

    @GetMapping("/pipelines/{pipelineId}/board")
    @Operation(summary = "The pipeline's open deals by stage, with counts, totals and weighted totals per column")
    Board board(@PathVariable String pipelineId,
                @Parameter(hidden = true) Actor actor,
                @Parameter(description = "Only this owner's deals") @RequestParam(required = false) String ownerId,
                @Parameter(description = "Only deals from this source channel") @RequestParam(required = false)
                String sourceChannel,
                @Parameter(description = "Only deals of at least this amount (any currency)")
                @RequestParam(required = false) @DecimalMin("0") BigDecimal minAmount,
                @Parameter(description = "Only deals of at most this amount (any currency)")
                @RequestParam(required = false) @DecimalMin("0") BigDecimal maxAmount,
                @Parameter(description = "Only deals expected to close on or after this date (ISO-8601)")
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeFrom,
                @Parameter(description = "Only deals expected to close on or before this date (ISO-8601)")
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeTo,
                @Parameter(description = "Only stalled deals") @RequestParam(defaultValue = "false")
                boolean stalledOnly,
                @Parameter(description = "Only deals without an open task") @RequestParam(defaultValue = "false")
                boolean withoutNextAction,
                @Parameter(description = "Text in the title, client company or contact person, any case")
                @RequestParam(required = false) @Size(max = 200) String q,
                @Parameter(description = "amount, -amount, expectedCloseDate, -expectedCloseDate, daysInStage, "
                        + "-daysInStage, title, updatedAt or -updatedAt (newest change first)")
                @RequestParam(defaultValue = "-updatedAt") String sort,
                @Parameter(description = "Page of each column's cards") @RequestParam(defaultValue = "0") @Min(0)
                int page,
                @Parameter(description = "Cards per column") @RequestParam(defaultValue = "50") @Min(1) @Max(200)
                int size,
                @Parameter(description = "A column's next: that column's cards after its last page, in the same sort "
                        + "(keyset paging; other columns then carry their figures and no cards)")
                @RequestParam(required = false) @Size(max = BoardCursor.MAX_TOKEN_LENGTH) String after) {
        if (!BoardQuery.SORTS.containsKey(sort)) {
            throw new InvalidRequestException(
                    "sort must be one of " + String.join(", ", BoardQuery.SORTS.keySet()) + ": " + sort);
        }
        if (minAmount != null && maxAmount != null && minAmount.compareTo(maxAmount) > 0) {
            throw new InvalidRequestException("minAmount (" + minAmount + ") is above maxAmount (" + maxAmount + ")");
        }
        if (closeFrom != null && closeTo != null && closeFrom.isAfter(closeTo)) {
            throw new InvalidRequestException("closeFrom (" + closeFrom + ") is after closeTo (" + closeTo + ")");
        }
        BoardCursor cursor = null;
        if (after != null) {
            if (page != 0) {
                throw new InvalidRequestException("page and after are alternatives: give one");
            }
            try {
                cursor = BoardCursor.parse(after);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("after: " + e.getMessage());
            }
            if (!cursor.sort().equals(sort)) {
                throw new InvalidRequestException("after was given for sort " + cursor.sort() + ", not " + sort);
            }
        }
        return query.find(new FindBoard(pipelineId, ownerId, sourceChannel, minAmount, maxAmount, closeFrom, closeTo,
                        stalledOnly, withoutNextAction, q, sort, page, size, cursor), actor)
                .orElseThrow(() -> new NotFoundException("No pipeline " + pipelineId));
    }
}

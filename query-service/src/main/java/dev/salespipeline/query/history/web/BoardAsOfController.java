package dev.salespipeline.query.history.web;

import java.time.Clock;
import java.time.Instant;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.query.history.BoardAsOf;
import dev.salespipeline.query.history.BoardAsOfQuery;
import dev.salespipeline.query.history.FindBoardAsOf;
import dev.salespipeline.query.web.InvalidRequestException;
import dev.salespipeline.query.web.NotFoundException;
import dev.salespipeline.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The board of a pipeline as it stood at a past instant, read by {@link BoardAsOfQuery}. */
@RestController
@Tag(name = "Deal history")
class BoardAsOfController {

    private final BoardAsOfQuery boards;
    private final Clock clock;

    BoardAsOfController(BoardAsOfQuery boards, Clock clock) {
        this.boards = boards;
        this.clock = clock;
    }

    @GetMapping("/pipelines/{pipelineId}/board/as-of")
    @Operation(summary = "A pipeline's board as it stood at a past instant")
    BoardAsOf board(
            @PathVariable String pipelineId,
            @Parameter(hidden = true) Actor actor,
            @Parameter(description = "The instant (ISO-8601), not in the future") @RequestParam Instant at,
            @Parameter(description = "Only the deals this rep owned then") @RequestParam(required = false)
            String ownerId,
            @Parameter(description = "Which page of each column's cards") @RequestParam(defaultValue = "0") @Min(0)
            int page,
            @Parameter(description = "Cards per column") @RequestParam(defaultValue = "50") @Min(1) @Max(200)
            int size) {
        if (at.isAfter(clock.instant())) {
            throw new InvalidRequestException("at (" + at + ") is in the future");
        }
        return boards.find(new FindBoardAsOf(pipelineId, at, ownerId, page, size), actor)
                .orElseThrow(() -> new NotFoundException("No pipeline " + pipelineId));
    }
}

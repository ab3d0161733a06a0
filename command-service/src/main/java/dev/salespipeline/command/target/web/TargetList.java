package dev.salespipeline.command.target.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.command.target.table.CurrentTarget;
import io.swagger.v3.oas.annotations.media.Schema;

/** What {@code GET /pipelines/{pipelineId}/targets} answers: the current targets the caller may see. */
public record TargetList(String pipelineId, String period, List<Target> targets) {

    /**
     * One current target. {@code amount} is a decimal string, as in events; {@code version} is what its
     * ETag carries, for {@code If-Match}.
     */
    public record Target(
            String targetId,
            SubjectType subjectType,
            String subjectId,
            String teamId,
            @Schema(type = "string", example = "120000.00") @JsonFormat(shape = JsonFormat.Shape.STRING)
            BigDecimal amount,
            String currency,
            long version,
            Instant changedAt) {

        static Target of(CurrentTarget target) {
            return new Target(target.targetId(), target.subjectType(), target.subjectId(), target.teamId(),
                    target.amount().amount(), target.amount().currency(), target.version(), target.changedAt());
        }
    }
}

package dev.salespipeline.command.spend.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.salespipeline.command.spend.table.CurrentSpend;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What {@code GET /pipelines/{pipelineId}/marketing-spend} answers: the current spend of the pipeline, of one
 * period if {@code period} is given (else null).
 */
public record SpendList(String pipelineId, String period, List<Spend> spend) {

    /**
     * One current spend. {@code amount} is a decimal string, as in events; {@code version} is what its ETag
     * carries, for {@code If-Match}.
     */
    public record Spend(
            String spendId,
            String channel,
            String period,
            @Schema(type = "string", example = "12000.00") @JsonFormat(shape = JsonFormat.Shape.STRING)
            BigDecimal amount,
            String currency,
            long version,
            Instant changedAt) {

        static Spend of(CurrentSpend spend) {
            return new Spend(spend.spendId(), spend.channel(), spend.period().toString(), spend.amount().amount(),
                    spend.amount().currency(), spend.version(), spend.changedAt());
        }
    }
}

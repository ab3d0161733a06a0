package dev.salespipeline.command.deal.command;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.salespipeline.api.pipeline.DealField;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.command.pipeline.catalog.PipelineCatalog;
import dev.salespipeline.api.pipeline.PipelineDefinition;

/** Pipeline definitions for deal tests: "sales" with exit requirements, and "legal". */
final class TestPipelines {

    static final PipelineDefinition SALES = new PipelineDefinition("sales", "Sales", List.of(
            new StageDefinition("lead", "Lead", 10, Duration.ofDays(14), Set.of()),
            new StageDefinition("qualified", "Qualified", 25, Duration.ofDays(14), Set.of()),
            new StageDefinition("proposal-sent", "Proposal sent", 50, Duration.ofDays(21), Set.of(DealField.AMOUNT)),
            new StageDefinition("contract-sent", "Contract sent", 70, Duration.ofDays(14),
                    Set.of(DealField.EXPECTED_CLOSE_DATE, DealField.DECISION_MAKER))),
            Duration.ofDays(14), List.of("Price", "Competitor", "No budget"));

    static final PipelineDefinition LEGAL = new PipelineDefinition("legal", "Legal", List.of(
            new StageDefinition("review", "Review", 80, null, Set.of())),
            Duration.ofDays(7), List.of("Rejected"));

    private TestPipelines() {
    }

    static PipelineCatalog catalog() {
        Map<String, PipelineDefinition> pipelines = Map.of(SALES.pipelineId(), SALES, LEGAL.pipelineId(), LEGAL);
        return pipelineId -> Optional.ofNullable(pipelines.get(pipelineId));
    }
}

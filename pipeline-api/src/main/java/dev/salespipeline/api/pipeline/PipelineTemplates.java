package dev.salespipeline.api.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Ready-made pipelines for a company that starts with nothing.
 *
 * <p>The default sales pipeline: Lead, Qualified, Proposal sent, Negotiation, Contract sent (then Won
 * or Lost). Probabilities rise from 10 to 70 percent along the usual scale: a proposal sent up to 50 %
 * (Lead 10, Qualified 25, Proposal sent 50), a contract sent 50 to 70 % (Negotiation 65, Contract sent 70);
 * a contract signed, 70 to 90 %, is a stage a company adds when it needs one. Exit requirements ask for a figure
 * as soon as one is needed:
 * <ul>
 * <li>a qualified deal has an amount before a proposal goes out (a proposal states a price);</li>
 * <li>a deal in negotiation has an amount and an expected close date before the contract is sent;</li>
 * <li>a deal in "Contract sent" keeps both to be closed, so that won deals always count in the
 * average deal size, the sales cycle and the forecast.</li>
 * </ul>
 */
public final class PipelineTemplates {

    public static final String DEFAULT_NAME = "Sales";
    public static final Duration DEFAULT_IDLE_LIMIT = Duration.ofDays(14);
    public static final List<String> DEFAULT_LOST_REASONS = List.of("Price", "Competitor", "No budget",
            "No decision", "Timing");
    public static final List<StageDefinition> DEFAULT_STAGES = List.of(
            new StageDefinition("lead", "Lead", 10, Duration.ofDays(14), Set.of()),
            new StageDefinition("qualified", "Qualified", 25, Duration.ofDays(14), Set.of(DealField.AMOUNT)),
            new StageDefinition("proposal-sent", "Proposal sent", 50, Duration.ofDays(21), Set.of()),
            new StageDefinition("negotiation", "Negotiation", 65, Duration.ofDays(21),
                    Set.of(DealField.AMOUNT, DealField.EXPECTED_CLOSE_DATE)),
            new StageDefinition("contract-sent", "Contract sent", 70, Duration.ofDays(14),
                    Set.of(DealField.AMOUNT, DealField.EXPECTED_CLOSE_DATE)));

    private PipelineTemplates() {
    }

    /** Defines the default sales pipeline under the given id and name. */
    public static DefinePipeline defaultPipeline(String pipelineId, String name, Instant occurredAt) {
        return new DefinePipeline(pipelineId, name, DEFAULT_STAGES, DEFAULT_IDLE_LIMIT, DEFAULT_LOST_REASONS,
                occurredAt);
    }
}

package dev.salespipeline.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.salespipeline.api.pipeline.PipelineTemplates;
import dev.salespipeline.api.pipeline.StageDefinition;

/**
 * The default template against the usual probability scale of sales practice: a proposal sent up to 50 %, a
 * contract sent 50 to 70 %, a contract signed 70 to 90 %, an invoice issued 90 to 100 %. The stages before a
 * proposal lie in its band too; Negotiation, between the proposal and the contract, lies in the contract's.
 */
class PipelineTemplatesTest {

    /** Inclusive bounds in percent: the scale's bands overlap at their edges. */
    private record Band(int lowest, int highest) {

        boolean holds(int probability) {
            return probability >= lowest && probability <= highest;
        }
    }

    private static final Band UP_TO_PROPOSAL = new Band(0, 50);
    private static final Band CONTRACT_SENT = new Band(50, 70);

    private static final Map<String, Band> SCALE = Map.of(
            "lead", UP_TO_PROPOSAL,
            "qualified", UP_TO_PROPOSAL,
            "proposal-sent", UP_TO_PROPOSAL,
            "negotiation", CONTRACT_SENT,
            "contract-sent", CONTRACT_SENT);

    @Test
    void eachStagesProbabilityLiesInItsBandOfTheScale() {
        for (StageDefinition stage : PipelineTemplates.DEFAULT_STAGES) {
            assertThat(SCALE).as("the scale places every stage of the template").containsKey(stage.stageId());
            Band band = SCALE.get(stage.stageId());
            assertThat(band.holds(stage.probability()))
                    .as("%s at %d %% lies in %d to %d %%", stage.name(), stage.probability(), band.lowest(),
                            band.highest())
                    .isTrue();
        }
    }

    @Test
    void probabilitiesRiseAlongTheStages() {
        List<Integer> probabilities = PipelineTemplates.DEFAULT_STAGES.stream().map(StageDefinition::probability)
                .toList();

        for (int i = 1; i < probabilities.size(); i++) {
            assertThat(probabilities.get(i)).as("stage %d is more likely to be won than the one before it", i)
                    .isGreaterThan(probabilities.get(i - 1));
        }
    }
}

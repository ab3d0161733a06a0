package dev.salespipeline.api.metrics;

/**
 * One stage's figures within a {@link StageConversion}.
 *
 * @param stageId          the stage's stable id
 * @param name             the stage's current name (for a removed stage, its name when removed; null if the
 *                         pipeline never defined it)
 * @param current          whether the stage is in the pipeline's current order; only current stages have
 *                         {@code reached} and {@code conversionToNext}
 * @param reached          deals of the cohort that entered this stage or a later one in the current order,
 *                         or were won; null for a stage that is no longer current
 * @param entered          deals of the cohort that entered this stage at least once
 * @param conversionToNext strict conversion to the next stage in the current order:
 *                         {@code reached(next) / reached(this)}; after the last stage, {@code won / reached(this)};
 *                         null when nothing reached this stage or the stage is no longer current
 */
public record StageReach(String stageId, String name, boolean current, Long reached, long entered,
                         Double conversionToNext) {
}

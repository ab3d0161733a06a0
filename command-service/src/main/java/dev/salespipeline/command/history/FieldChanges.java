package dev.salespipeline.command.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.salespipeline.api.deal.ClientInfo;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealDetails;
import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.ExpectedCloseDateChanged;
import dev.salespipeline.api.deal.ProbabilityOverridden;
import dev.salespipeline.api.deal.TaskRescheduled;
import dev.salespipeline.command.history.HistoryEntry.FieldChange;

/**
 * Reads the old and new values out of the events that change fields. Events carry both, so the
 * history needs no replay to show what a change replaced.
 */
final class FieldChanges {

    private FieldChanges() {
    }

    static List<FieldChange> of(Object event) {
        if (event instanceof DealAmountChanged changed) {
            return List.of(new FieldChange("amount", changed.previous(), changed.amount()));
        }
        if (event instanceof DealMovedToStage moved) {
            return List.of(new FieldChange("stageId", moved.fromStageId(), moved.toStageId()));
        }
        if (event instanceof ExpectedCloseDateChanged changed) {
            return List.of(new FieldChange("expectedCloseDate", changed.previous(), changed.expectedCloseDate()));
        }
        if (event instanceof ProbabilityOverridden overridden) {
            return List.of(new FieldChange("probability", overridden.previous(), overridden.probability()));
        }
        if (event instanceof DealHandedOver handedOver) {
            List<FieldChange> changes = new ArrayList<>();
            add(changes, "ownerId", handedOver.previousOwnerId(), handedOver.ownerId());
            add(changes, "teamId", handedOver.previousTeamId(), handedOver.teamId());
            return changes;
        }
        if (event instanceof DealTransferred transferred) {
            return List.of(new FieldChange("pipelineId", transferred.fromPipelineId(), transferred.toPipelineId()),
                    new FieldChange("stageId", transferred.fromStageId(), transferred.toStageId()));
        }
        if (event instanceof TaskRescheduled rescheduled) {
            return List.of(new FieldChange("dueAt", rescheduled.previousDueAt(), rescheduled.dueAt()));
        }
        if (event instanceof DealDetailsEdited edited) {
            return details(edited.previous(), edited.details());
        }
        return List.of();
    }

    private static List<FieldChange> details(DealDetails before, DealDetails after) {
        List<FieldChange> changes = new ArrayList<>();
        add(changes, "title", before.title(), after.title());
        add(changes, "sourceChannel", before.sourceChannel(), after.sourceChannel());
        add(changes, "product", before.product(), after.product());
        ClientInfo from = before.client();
        ClientInfo to = after.client();
        add(changes, "client.company", from.company(), to.company());
        add(changes, "client.contactPerson", from.contactPerson(), to.contactPerson());
        add(changes, "client.decisionMaker", from.decisionMaker(), to.decisionMaker());
        add(changes, "client.phone", from.phone(), to.phone());
        add(changes, "client.email", from.email(), to.email());
        add(changes, "client.industry", from.industry(), to.industry());
        return changes;
    }

    private static void add(List<FieldChange> changes, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            changes.add(new FieldChange(field, from, to));
        }
    }
}

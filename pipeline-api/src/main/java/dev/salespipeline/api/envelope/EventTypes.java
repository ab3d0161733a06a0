package dev.salespipeline.api.envelope;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.salespipeline.api.activity.ActivityAttached;
import dev.salespipeline.api.activity.ActivityReceived;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.CommentAdded;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.EmailLogged;
import dev.salespipeline.api.deal.EmailOpened;
import dev.salespipeline.api.deal.MeetingLogged;
import dev.salespipeline.api.deal.TaskCancelled;
import dev.salespipeline.api.deal.TaskCompleted;
import dev.salespipeline.api.deal.TaskRescheduled;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.ExpectedCloseDateChanged;
import dev.salespipeline.api.deal.ProbabilityOverridden;
import dev.salespipeline.api.pipeline.IdleLimitChanged;
import dev.salespipeline.api.pipeline.LostReasonsChanged;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.StageAdded;
import dev.salespipeline.api.pipeline.StageRemoved;
import dev.salespipeline.api.pipeline.StageRenamed;
import dev.salespipeline.api.pipeline.StageSettingsChanged;
import dev.salespipeline.api.pipeline.StagesReordered;
import dev.salespipeline.api.spend.MarketingSpendChanged;
import dev.salespipeline.api.spend.MarketingSpendSet;
import dev.salespipeline.api.spend.MarketingSpendWithdrawn;
import dev.salespipeline.api.speech.SpeechDictionaryChanged;
import dev.salespipeline.api.speech.SpeechDictionarySet;
import dev.salespipeline.api.speech.SpeechDictionaryWithdrawn;
import dev.salespipeline.api.target.SalesTargetChanged;
import dev.salespipeline.api.target.SalesTargetSet;
import dev.salespipeline.api.target.SalesTargetWithdrawn;

/**
 * The names under which event payloads travel in {@link EventEnvelope#type()}, with their current
 * schema version. A name is the event record's simple name and never changes once published.
 */
public final class EventTypes {

    private static final Map<String, Registered> BY_NAME = index(
            // Deals
            // 2: teamId added (events of version 1 are upcast with no team)
            new Registered(DealOpened.class, 2),
            new Registered(DealAmountChanged.class, 1),
            new Registered(DealMovedToStage.class, 1),
            new Registered(DealWon.class, 1),
            new Registered(DealLost.class, 1),
            new Registered(DealReopened.class, 1),
            new Registered(DealDetailsEdited.class, 1),
            new Registered(ExpectedCloseDateChanged.class, 1),
            new Registered(ProbabilityOverridden.class, 1),
            new Registered(DealHandedOver.class, 1),
            new Registered(DealTransferred.class, 1),
            new Registered(TaskScheduled.class, 1),
            new Registered(TaskCompleted.class, 1),
            new Registered(TaskRescheduled.class, 1),
            new Registered(TaskCancelled.class, 1),
            new Registered(CallLogged.class, 1),
            new Registered(EmailLogged.class, 1),
            new Registered(EmailOpened.class, 1),
            new Registered(MeetingLogged.class, 1),
            new Registered(CommentAdded.class, 1),
            // Pipelines
            new Registered(PipelineDefined.class, 1),
            new Registered(StageAdded.class, 1),
            new Registered(StageRenamed.class, 1),
            new Registered(StagesReordered.class, 1),
            new Registered(StageRemoved.class, 1),
            new Registered(StageSettingsChanged.class, 1),
            new Registered(LostReasonsChanged.class, 1),
            new Registered(IdleLimitChanged.class, 1),
            // Targets
            new Registered(SalesTargetSet.class, 1),
            new Registered(SalesTargetChanged.class, 1),
            new Registered(SalesTargetWithdrawn.class, 1),
            // Marketing spend
            new Registered(MarketingSpendSet.class, 1),
            new Registered(MarketingSpendChanged.class, 1),
            new Registered(MarketingSpendWithdrawn.class, 1),
            // Speech dictionaries
            new Registered(SpeechDictionarySet.class, 1),
            new Registered(SpeechDictionaryChanged.class, 1),
            new Registered(SpeechDictionaryWithdrawn.class, 1),
            // Reported activities
            new Registered(ActivityReceived.class, 1),
            new Registered(ActivityAttached.class, 1)
    );

    private EventTypes() {
    }

    public record Registered(Class<?> payloadType, int version) {
    }

    public static Optional<Registered> byName(String type) {
        return Optional.ofNullable(BY_NAME.get(type));
    }

    public static String nameOf(Class<?> payloadType) {
        return BY_NAME.entrySet().stream()
                .filter(e -> e.getValue().payloadType().equals(payloadType))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a published event type: " + payloadType.getName()));
    }

    public static int versionOf(Class<?> payloadType) {
        return byName(nameOf(payloadType)).orElseThrow().version();
    }

    public static Map<String, Registered> all() {
        return BY_NAME;
    }

    private static Map<String, Registered> index(Registered... types) {
        Map<String, Registered> byName = new LinkedHashMap<>();
        for (Registered type : types) {
            if (byName.put(type.payloadType().getSimpleName(), type) != null) {
                throw new IllegalStateException("two event types named " + type.payloadType().getSimpleName());
            }
        }
        return Collections.unmodifiableMap(byName);
    }
}

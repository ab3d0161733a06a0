package dev.salespipeline.command.activity.delivery;

import java.util.Map;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.activity.ActivityAttached;
import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.activity.ActivityReceived;
import dev.salespipeline.api.deal.LogCall;
import dev.salespipeline.api.deal.LogEmail;
import dev.salespipeline.api.envelope.MetadataKeys;
import dev.salespipeline.command.rules.AccessDenied;
import dev.salespipeline.command.rules.RuleViolation;

/**
 * Puts reported activities on their deals' timelines: an activity matched when it was reported, or attached
 * later, is logged on the deal as a call or an email whose id is the activity id.
 *
 * <p>Runs in the tracking event processor {@value #PROCESSING_GROUP} (token in PostgreSQL), so a delivery
 * interrupted by a crash or an outage is made when the processor resumes, and a failure retries with
 * back-off rather than being skipped (see {@link ActivityDeliveryConfiguration}). Delivering twice is
 * harmless: a deal records an activity id once. The command carries the activity's actor, source and
 * correlation id, acting with the integration role: logging a reported activity is what integrations may do
 * on any deal, and whoever attached it was checked against the deal when they did.
 */
@Component
@ProcessingGroup(ActivityDelivery.PROCESSING_GROUP)
class ActivityDelivery {

    static final String PROCESSING_GROUP = "activity-delivery";
    private static final Logger LOG = LoggerFactory.getLogger(ActivityDelivery.class);

    private final CommandGateway commands;
    private final EventStore events;

    ActivityDelivery(CommandGateway commands, EventStore events) {
        this.commands = commands;
        this.events = events;
    }

    @EventHandler
    void on(ActivityReceived event, MetaData metaData) {
        if (event.dealId() != null) {
            deliver(event, event.dealId(), metaData);
        }
    }

    @EventHandler
    void on(ActivityAttached event, MetaData metaData) {
        ActivityReceived received = (ActivityReceived) events.readEvents(event.activityId()).next().getPayload();
        deliver(received, event.dealId(), metaData);
    }

    private void deliver(ActivityReceived activity, String dealId, MetaData cause) {
        Object command;
        try {
            command = command(activity, dealId);
        } catch (IllegalArgumentException e) {
            // Only an activity recorded before its bounds were tightened (a transcript over 100,000
            // characters) can get here; it would be refused on every retry and block every later delivery.
            LOG.error("Activity {} exceeds the bounds of a deal's activity and is not delivered to deal {}: {}",
                    activity.activityId(), dealId, e.getMessage());
            return;
        }
        MetaData metaData = MetaData.from(Map.of(
                MetadataKeys.ACTOR, String.valueOf(cause.get(MetadataKeys.ACTOR)),
                MetadataKeys.ROLES, "integration",
                MetadataKeys.SOURCE, String.valueOf(cause.getOrDefault(MetadataKeys.SOURCE, "integration")),
                MetadataKeys.CORRELATION_ID, String.valueOf(cause.getOrDefault(MetadataKeys.CORRELATION_ID,
                        activity.activityId()))));
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).withMetaData(metaData));
        } catch (RuntimeException e) {
            if (!isPermanent(e)) {
                throw e;
            }
            // The deal refuses it for good (it cannot have vanished or changed its rules for integrations
            // since the match, so this would be a defect): retrying would block every later delivery.
            LOG.error("Activity {} could not be delivered to deal {} and is skipped: {}", activity.activityId(), dealId,
                    e.getMessage(), e);
        }
    }

    private static Object command(ActivityReceived activity, String dealId) {
        return activity.kind() == ActivityKind.CALL
                ? new LogCall(dealId, activity.activityId(), activity.direction(), activity.occurredAt(),
                activity.durationSeconds(), activity.answered(), activity.phoneNumber(), activity.recordingUrl(),
                activity.transcript(), activity.externalId())
                : new LogEmail(dealId, activity.activityId(), activity.direction(), activity.occurredAt(),
                activity.subject(), activity.fromAddress(), activity.toAddress(), activity.externalId());
    }

    private static boolean isPermanent(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof RuleViolation || cause instanceof AccessDenied
                    || cause instanceof AggregateNotFoundException) {
                return true;
            }
        }
        return false;
    }
}

package dev.salespipeline.command.activity.ingest;

import java.util.Map;
import java.util.Optional;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Service;

import dev.salespipeline.api.activity.ActivityIds;
import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.activity.ActivityMatch;
import dev.salespipeline.api.activity.ActivityReport;
import dev.salespipeline.api.activity.ReceiveActivity;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.envelope.MetadataKeys;
import dev.salespipeline.command.activity.command.Activity.Recorded;
import dev.salespipeline.command.activity.directory.DealDirectory;
import dev.salespipeline.command.activity.directory.DirectoryEntry;

/**
 * Records a reported call or email, from the ingest topic or the webhook alike: finds its deal (the one
 * the report names, else the most recently active open deal whose contact has the call's number or the
 * email's client-side address), then records it once as an {@code Activity}.
 */
@Service
public class ActivityIngest {

    /** The {@code source} recorded on events that came from outside systems. */
    public static final String SOURCE = "integration";

    private final CommandGateway commands;
    private final DealDirectory deals;

    ActivityIngest(CommandGateway commands, DealDirectory deals) {
        this.commands = commands;
        this.deals = deals;
    }

    /**
     * @param correlationId ties the events this report causes together (the webhook's request id, or the
     *                      record's topic position)
     * @throws RejectedReport if the report names a deal that does not exist
     */
    public Recorded record(ActivityReport report, String correlationId) {
        String activityId = ActivityIds.of(report.sourceSystem(), report.externalId());
        Match match = match(report);
        String ownerId = report.ownerId() != null ? report.ownerId()
                : match.deal().map(DirectoryEntry::ownerId).orElse(null);
        ReceiveActivity command = new ReceiveActivity(activityId, report.sourceSystem(), report.externalId(),
                report.kind(), report.direction(), report.occurredAt(),
                report.durationSeconds() == null ? 0 : report.durationSeconds(), Boolean.TRUE.equals(report.answered()),
                report.phoneNumber(), report.recordingUrl(), report.transcript(), report.subject(),
                report.fromAddress(), report.toAddress(), ownerId, match.deal().map(DirectoryEntry::dealId).orElse(null),
                match.how());
        MetaData metaData = MetaData.from(Map.of(
                MetadataKeys.ACTOR, "integration:" + report.sourceSystem(),
                MetadataKeys.ROLES, "integration",
                MetadataKeys.SOURCE, SOURCE,
                MetadataKeys.CORRELATION_ID, correlationId));
        try {
            return send(command, metaData);
        } catch (ConcurrencyException sameReportAtTheSameMoment) {
            // Another consumer or request recorded this very report an instant ago: it is now there.
            return send(command, metaData);
        }
    }

    private Recorded send(ReceiveActivity command, MetaData metaData) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).withMetaData(metaData));
    }

    private Match match(ActivityReport report) {
        if (report.dealId() != null) {
            DirectoryEntry deal = deals.find(report.dealId()).orElseThrow(() -> new RejectedReport(
                    RejectedReport.UNKNOWN_DEAL, "there is no deal " + report.dealId()));
            return new Match(Optional.of(deal), ActivityMatch.DEAL_ID);
        }
        if (report.kind() == ActivityKind.CALL) {
            return Match.of(deals.openDealByPhone(report.phoneNumber()), ActivityMatch.PHONE);
        }
        String clientAddress = report.direction() == Direction.INBOUND ? report.fromAddress() : report.toAddress();
        return Match.of(deals.openDealByEmail(clientAddress), ActivityMatch.EMAIL);
    }

    private record Match(Optional<DirectoryEntry> deal, ActivityMatch how) {

        static Match of(Optional<DirectoryEntry> deal, ActivityMatch how) {
            return new Match(deal, deal.isPresent() ? how : ActivityMatch.UNMATCHED);
        }
    }
}

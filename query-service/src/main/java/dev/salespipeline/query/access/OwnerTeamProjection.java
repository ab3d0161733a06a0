package dev.salespipeline.query.access;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.target.SalesTargetSet;
import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.query.events.Documents;
import dev.salespipeline.query.events.Projection;
import dev.salespipeline.query.events.ProjectionBatch;

/**
 * Keeps {@link OwnerTeam} documents: each owner's team as the latest event that names it says. Events of
 * different deals arrive in any interleaving of their partitions, so "latest" is by the time the event store
 * recorded them (then the event id), never by arrival: a document is replaced only by a later statement, and
 * duplicates and replays change nothing. An event that names no team says nothing about the owner's team.
 */
@Component
class OwnerTeamProjection implements Projection {

    private static Documents<OwnerTeam> teams(ProjectionBatch batch) {
        return batch.documents(OwnerTeam.class, OwnerTeam::ownerId, "order", OwnerTeam::order);
    }

    @Override
    public void load(List<EventEnvelope<?>> events, ProjectionBatch batch) {
        List<String> owners = new ArrayList<>();
        for (EventEnvelope<?> envelope : events) {
            Statement statement = statement(envelope);
            if (statement != null) {
                owners.add(statement.ownerId());
            }
        }
        teams(batch).load(owners);
    }

    @Override
    public void apply(EventEnvelope<?> envelope, ProjectionBatch batch) {
        Statement statement = statement(envelope);
        if (statement == null) {
            return;
        }
        Documents<OwnerTeam> teams = teams(batch);
        String order = OwnerTeam.order(envelope.recordedAt(), envelope.eventId());
        OwnerTeam current = teams.get(statement.ownerId());
        if (current == null || current.order() == null || current.order().compareTo(order) < 0) {
            teams.put(new OwnerTeam(statement.ownerId(), statement.teamId(), order));
        }
    }

    /** The owner and team an event states, or null if it states none. */
    private static Statement statement(EventEnvelope<?> envelope) {
        Statement statement = null;
        if (envelope.payload() instanceof DealOpened opened) {
            statement = new Statement(opened.ownerId(), opened.teamId());
        } else if (envelope.payload() instanceof DealHandedOver handedOver) {
            statement = new Statement(handedOver.ownerId(), handedOver.teamId());
        } else if (envelope.payload() instanceof SalesTargetSet set && set.subjectType() == SubjectType.OWNER) {
            statement = new Statement(set.subjectId(), set.teamId());
        }
        return statement == null || statement.ownerId() == null || statement.teamId() == null ? null : statement;
    }

    private record Statement(String ownerId, String teamId) {
    }
}

package dev.salespipeline.query.access;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The team an owner (a person deals and targets are for) is in, as the latest event that says so put it: a
 * deal opened for them in a team, a deal handed over to them in a team, an owner target set for them naming a
 * team. Decides which managers see the rows of metrics cut by that owner, and their unmatched activities.
 *
 * @param ownerId the person
 * @param teamId  their team
 * @param order   where the statement stands among all statements: when the event store recorded the event
 *                (not when it arrived here, so that a rebuild, which reads the partitions in another
 *                interleaving, comes to the same team), then the event id; see {@link #order}
 */
@Document(OwnerTeam.COLLECTION)
public record OwnerTeam(@Id String ownerId, String teamId, String order) {

    public static final String COLLECTION = "owner_teams";

    /** Text that sorts as the statements do: the recording instant in nanoseconds, fixed width, then the event id. */
    static String order(Instant recordedAt, String eventId) {
        long nanos = recordedAt.getEpochSecond() * 1_000_000_000L + recordedAt.getNano();
        return String.format("%020d|%s", nanos, eventId);
    }
}

package dev.salespipeline.analytics.activity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The changes of one person's rows that one event makes, sent as one record keyed by the person: the rows of a
 * person (every pipeline and all pipelines, every period type) are aggregated on one partition, so a call or a
 * changed card costs one record however many rows it changes.
 *
 * @param personId whose rows
 * @param deltas   the change of each row, one per row
 */
public record ActivityDeltas(String personId, List<ActivityDelta> deltas) {

    public ActivityDeltas {
        Objects.requireNonNull(personId, "personId");
        deltas = deltas == null ? List.of() : List.copyOf(deltas);
    }

    /** The deltas of each person, in the order of their first delta. */
    static List<ActivityDeltas> byPerson(List<ActivityDelta> deltas) {
        Map<String, List<ActivityDelta>> byPerson = new LinkedHashMap<>();
        deltas.forEach(delta -> byPerson.computeIfAbsent(delta.personId(), id -> new ArrayList<>()).add(delta));
        List<ActivityDeltas> grouped = new ArrayList<>();
        byPerson.forEach((personId, own) -> grouped.add(new ActivityDeltas(personId, own)));
        return grouped;
    }
}

package dev.salespipeline.analytics.activity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The changes of one person's finest cells that one event makes, sent as one record keyed by the person: the
 * cells and rows of a person (every pipeline and all pipelines, every period type) are kept on one partition, so
 * a call or a changed card costs one record however many rows it changes, and that record carries one or two
 * cells rather than the eight or more rows they add up to.
 *
 * @param personId whose cells
 * @param cells    the change of each cell, one per cell
 */
public record ActivityDeltas(String personId, List<ActivityCell> cells) {

    public ActivityDeltas {
        Objects.requireNonNull(personId, "personId");
        cells = cells == null ? List.of() : List.copyOf(cells);
    }

    /** The changes of each person's cells, in the order of their first change. */
    static List<ActivityDeltas> byPerson(List<ActivityCell> changes) {
        Map<String, List<ActivityCell>> byPerson = new LinkedHashMap<>();
        changes.forEach(change -> byPerson.computeIfAbsent(change.personId(), id -> new ArrayList<>()).add(change));
        List<ActivityDeltas> grouped = new ArrayList<>();
        byPerson.forEach((personId, own) -> grouped.add(new ActivityDeltas(personId, own)));
        return grouped;
    }
}

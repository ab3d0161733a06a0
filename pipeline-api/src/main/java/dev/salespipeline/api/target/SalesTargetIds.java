package dev.salespipeline.api.target;

import java.util.Objects;

/**
 * The id of the sales target of one subject in one pipeline and period, for example
 * {@code target/sales/owner:anna/2026-Q4}. Built from those three alone, so that each pipeline, subject
 * and period has exactly one target, whoever sets it and however often.
 *
 * <p>None of the parts may contain {@code /}, which keeps the id unambiguous and apart from every deal
 * and pipeline id (those never contain one).
 */
public final class SalesTargetIds {

    private SalesTargetIds() {
    }

    /**
     * @throws IllegalArgumentException if the pipeline or subject id is blank or contains {@code /}
     */
    public static String of(String pipelineId, SubjectType subjectType, String subjectId, TargetPeriod period) {
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(period, "period");
        return "target/" + part(pipelineId, "pipelineId") + "/" + subjectType.key() + ":" + part(subjectId, "subjectId")
                + "/" + period;
    }

    private static String part(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.contains("/")) {
            throw new IllegalArgumentException(name + " must not be blank or contain '/': " + value);
        }
        return value;
    }
}

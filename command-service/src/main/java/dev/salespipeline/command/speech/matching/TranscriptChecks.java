package dev.salespipeline.command.speech.matching;

import java.util.List;

import dev.salespipeline.api.deal.TranscriptMatch;

/** Checks a call's transcript against the company's dictionaries in force now. */
@FunctionalInterface
public interface TranscriptChecks {

    /** No dictionaries: nothing is ever found. */
    TranscriptChecks NONE = transcript -> List.of();

    /** The matches in the transcript, in its order; empty for a null or blank transcript. */
    List<TranscriptMatch> check(String transcript);
}

package dev.salespipeline.command.speech.table;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.stereotype.Component;

import dev.salespipeline.api.deal.TranscriptMatch;
import dev.salespipeline.command.speech.matching.Dictionary;
import dev.salespipeline.command.speech.matching.TranscriptChecks;
import dev.salespipeline.command.speech.matching.TranscriptMatcher;

/**
 * Checks transcripts against the dictionaries in force, as {@link SpeechDictionaryTable} holds them. A call with a
 * transcript costs one small query (the ids and versions in force); a dictionary is read and made ready for
 * matching once per version, and kept for as long as it is that version. A call without a transcript costs nothing.
 */
@Component
class DictionaryTranscriptChecks implements TranscriptChecks {

    private final SpeechDictionaryTable table;
    /** Made-ready dictionaries by id, with the version they were made from. */
    private final ConcurrentMap<String, Prepared> prepared = new ConcurrentHashMap<>();

    private record Prepared(long version, Dictionary dictionary) {
    }

    DictionaryTranscriptChecks(SpeechDictionaryTable table) {
        this.table = table;
    }

    @Override
    public List<TranscriptMatch> check(String transcript) {
        if (transcript == null || transcript.isBlank()) {
            return List.of();
        }
        List<SpeechDictionaryTable.Version> inForce = table.versions().stream()
                .sorted(Comparator.comparing(SpeechDictionaryTable.Version::dictionaryId))
                .toList();
        if (inForce.isEmpty()) {
            return List.of();
        }
        boolean stale = inForce.stream().anyMatch(version -> {
            Prepared kept = prepared.get(version.dictionaryId());
            return kept == null || kept.version() != version.version();
        });
        if (stale) {
            for (CurrentDictionary current : table.current()) {
                prepared.put(current.dictionaryId(), new Prepared(current.version(),
                        Dictionary.of(current.language(), current.list(), current.phrases())));
            }
        }
        List<Dictionary> dictionaries = inForce.stream()
                .map(version -> prepared.get(version.dictionaryId()))
                .filter(kept -> kept != null)
                .map(Prepared::dictionary)
                .toList();
        // withdrawn ones are no longer asked for; the map holds at most every dictionary the company ever had
        prepared.keySet().retainAll(inForce.stream().map(SpeechDictionaryTable.Version::dictionaryId).toList());
        return TranscriptMatcher.find(transcript, dictionaries);
    }
}

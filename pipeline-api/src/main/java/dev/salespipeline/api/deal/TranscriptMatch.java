package dev.salespipeline.api.deal;

import java.util.Objects;

/**
 * A phrase of a dictionary found in a call's transcript.
 *
 * @param language the dictionary's language (ISO 639-1 code)
 * @param list     the dictionary's list, for example {@code stop-words}
 * @param phrase   the phrase as the dictionary has it
 * @param start    where the match begins in the transcript: the index of its first character
 * @param end      the index after its last character
 * @param text     the transcript's words that matched, as spoken ({@code transcript.substring(start, end)})
 */
public record TranscriptMatch(String language, String list, String phrase, int start, int end, String text) {

    /** The most matches a call records: the first ones in the transcript. */
    public static final int MAX_PER_CALL = 500;

    public TranscriptMatch {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(phrase, "phrase");
        Objects.requireNonNull(text, "text");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("a match spans start to end, 0 <= start <= end: " + start + ", " + end);
        }
    }
}

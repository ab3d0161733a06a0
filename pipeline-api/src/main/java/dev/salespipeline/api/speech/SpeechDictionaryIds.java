package dev.salespipeline.api.speech;

import java.util.List;
import java.util.Objects;

import dev.salespipeline.api.Bounds;

/**
 * The id of a company's dictionary for one language and list, for example {@code dictionary/uk/stop-words}: one
 * dictionary per language and list, whoever sets it and however often.
 *
 * <p>A list is a name of 1 to 40 lower-case letters, digits and dashes. Three have a meaning the call-quality
 * metrics count on their own: {@value #STOP_WORDS}, {@value #COMPLAINTS} and {@value #PROFANITY}; a company may
 * keep lists of its own besides (competitors' names, forbidden promises), whose matches are counted per list.
 */
public final class SpeechDictionaryIds {

    public static final String STOP_WORDS = "stop-words";
    public static final String COMPLAINTS = "complaints";
    public static final String PROFANITY = "profanity";
    /** The lists the call-quality metrics count on their own. */
    public static final List<String> KNOWN_LISTS = List.of(STOP_WORDS, COMPLAINTS, PROFANITY);

    /** What a list's name may be. */
    public static final String LIST_PATTERN = "[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?";

    /** The most phrases one dictionary holds. */
    public static final int MAX_PHRASES = 2_000;
    /** The longest phrase, in characters. */
    public static final int PHRASE_LENGTH = Bounds.TITLE_LENGTH;
    /** The most words a phrase has. */
    public static final int PHRASE_WORDS = 8;
    /** The most dictionaries a company keeps, over all languages. */
    public static final int MAX_DICTIONARIES = 100;

    private SpeechDictionaryIds() {
    }

    public static String of(SpeechLanguage language, String list) {
        Objects.requireNonNull(language, "language");
        return "dictionary/" + language.code() + "/" + checkList(list);
    }

    /** @throws IllegalArgumentException if the list's name does not match {@link #LIST_PATTERN} */
    public static String checkList(String list) {
        Objects.requireNonNull(list, "list");
        if (!list.matches(LIST_PATTERN)) {
            throw new IllegalArgumentException("a list is 1 to 40 lower-case letters, digits and dashes, not "
                    + "starting or ending with a dash: " + list.substring(0, Math.min(list.length(), 40)));
        }
        return list;
    }
}

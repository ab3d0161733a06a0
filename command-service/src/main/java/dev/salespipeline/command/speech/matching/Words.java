package dev.salespipeline.command.speech.matching;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a text into words and writes each the way matching compares them: lower case, without stress marks, with
 * {@code ё} as {@code е} and without apostrophes inside a word ({@code п’ять}, {@code don't}). A word is a run of
 * letters and digits, apostrophes between them included; anything else (spaces, punctuation, dashes) separates
 * words, so {@code "из-за"} is two words in a phrase and in a transcript alike.
 */
final class Words {

    /** Words longer than this are never part of a match (a dictionary's phrase is shorter). */
    static final int LONGEST_WORD = 200;

    private Words() {
    }

    /** A word of a text: where it is, and its normalized form (null when longer than {@link #LONGEST_WORD}). */
    record Word(int start, int end, String normalized) {
    }

    static List<Word> of(String text) {
        List<Word> words = new ArrayList<>();
        int length = text.length();
        int i = 0;
        while (i < length) {
            int codePoint = text.codePointAt(i);
            if (!isWordCharacter(codePoint)) {
                i += Character.charCount(codePoint);
                continue;
            }
            int start = i;
            int end = i;
            while (i < length) {
                int current = text.codePointAt(i);
                if (isWordCharacter(current)) {
                    i += Character.charCount(current);
                    end = i;
                } else if (isApostrophe(current) && i + 1 < length && isWordCharacter(text.codePointAt(i + 1))) {
                    i += Character.charCount(current);
                } else {
                    break;
                }
            }
            words.add(new Word(start, end, end - start > LONGEST_WORD ? null : normalize(text.substring(start, end))));
        }
        return words;
    }

    private static boolean isWordCharacter(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || Character.getType(codePoint) == Character.NON_SPACING_MARK;
    }

    private static boolean isApostrophe(int codePoint) {
        return codePoint == '\'' || codePoint == '\u2019' || codePoint == '\u02BC' || codePoint == '`';
    }

    static String normalize(String word) {
        String decomposed = Normalizer.normalize(word.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        StringBuilder kept = new StringBuilder(decomposed.length());
        decomposed.codePoints()
                // stress marks (acute, grave) go; the marks that make letters (й, ї, ą, ę) stay and compose again
                .filter(codePoint -> codePoint != '\u0301' && codePoint != '\u0300')
                .filter(codePoint -> !isApostrophe(codePoint))
                .forEach(kept::appendCodePoint);
        return Normalizer.normalize(kept, Normalizer.Form.NFC).replace('ё', 'е');
    }
}

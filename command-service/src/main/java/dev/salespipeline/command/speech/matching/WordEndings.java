package dev.salespipeline.command.speech.matching;

import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.salespipeline.api.speech.SpeechLanguage;

/**
 * The common inflectional endings of each language, which matching takes off a word before comparing it, so that a
 * dictionary's {@code жалоба} finds {@code жалобу} and {@code жалобой}, and {@code skarga} finds {@code skargi}.
 *
 * <p>A light stemmer, not a morphological analyser: it takes off the longest listed ending that leaves a stem of at
 * least {@value #SHORTEST_STEM} letters, after a reflexive {@code -ся}/{@code -сь} in Russian and Ukrainian, and does
 * nothing else. Words of different roots never meet; forms that change inside the stem ({@code друг}/{@code друзья},
 * {@code mouse}/{@code mice}) are not recognised, and a dictionary lists them as phrases of their own.
 */
final class WordEndings {

    /** The fewest letters a stem keeps: shorter words are compared whole. */
    static final int SHORTEST_STEM = 3;

    private static final Map<SpeechLanguage, List<String>> ENDINGS = new EnumMap<>(SpeechLanguage.class);
    private static final Map<SpeechLanguage, List<String>> REFLEXIVE = new EnumMap<>(SpeechLanguage.class);

    static {
        ENDINGS.put(SpeechLanguage.EN, longestFirst("e", "s", "es", "ies", "ed", "ied", "ing", "ly", "er", "est"));
        ENDINGS.put(SpeechLanguage.PL, longestFirst(
                // nouns
                "a", "ą", "ę", "e", "i", "y", "o", "u", "em", "om", "ie", "ów", "ami", "ach", "owi", "owie", "ość",
                "ości", "ością",
                // adjectives
                "ego", "emu", "ej", "ym", "im", "ych", "ich", "ymi", "imi", "iej", "ego", "iego", "iemu",
                // verbs
                "ać", "eć", "ić", "yć", "ał", "ała", "ało", "ali", "ały", "ił", "iła", "ił", "yła", "ył", "ę", "esz",
                "emy", "ecie", "ą", "uje", "ują", "ujesz", "ujemy", "isz", "imy", "icie", "ysz", "ymy", "ycie"));
        ENDINGS.put(SpeechLanguage.RU, longestFirst(
                // nouns
                "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "ой", "ей", "ою", "ею", "ам", "ям", "ах", "ях", "ами",
                "ями", "ом", "ем", "ов", "ев", "ью", "ия", "ие", "ий", "ии", "ию", "ье", "иям", "иях", "иями",
                // adjectives
                "ый", "ая", "яя", "ое", "ее", "ые", "ого", "его", "ому", "ему", "ым", "им", "ую", "юю", "ых", "их",
                "ыми", "ими",
                // verbs
                "ть", "ти", "ет", "ит", "ут", "ют", "ат", "ят", "ешь", "ишь", "ете", "ите", "ем", "им", "ал", "ала",
                "ало", "али", "ил", "ила", "ило", "или", "ел", "ела", "ело", "ели", "ешь", "ать", "ять", "ить", "еть",
                "овать", "ировать", "ую", "уют", "ует", "уешь"));
        ENDINGS.put(SpeechLanguage.UK, longestFirst(
                // nouns
                "а", "я", "о", "е", "є", "и", "і", "ї", "у", "ю", "ь", "ою", "ею", "єю", "ам", "ям", "ах", "ях", "ами",
                "ями", "ом", "ем", "ів", "їв", "ей", "ові", "еві", "ям",
                // adjectives
                "ий", "ій", "ого", "ього", "ому", "ьому", "ої", "ім", "им", "их", "іх", "ими", "іми", "а", "е", "і",
                "ая", "еє",
                // verbs
                "ти", "ть", "ю", "єш", "еш", "є", "е", "ємо", "емо", "єте", "ете", "ють", "уть", "ать", "ять", "ить",
                "іть", "иш", "ить", "имо", "ите", "ав", "ала", "ало", "али", "ив", "ила", "ило", "или", "ів", "іла",
                "ував", "увати", "увала", "ую", "ують", "ує"));
        REFLEXIVE.put(SpeechLanguage.EN, List.of());
        REFLEXIVE.put(SpeechLanguage.PL, List.of());
        REFLEXIVE.put(SpeechLanguage.RU, List.of("ся", "сь"));
        REFLEXIVE.put(SpeechLanguage.UK, List.of("ся", "сь"));
    }

    private WordEndings() {
    }

    /** The stem of a normalized word ({@link Words#normalize}) in this language. */
    static String stem(SpeechLanguage language, String word) {
        String stem = strip(word, REFLEXIVE.get(language));
        return strip(stem, ENDINGS.get(language));
    }

    private static String strip(String word, List<String> endings) {
        int letters = word.codePointCount(0, word.length());
        for (String ending : endings) {
            if (word.endsWith(ending)
                    && letters - ending.codePointCount(0, ending.length()) >= SHORTEST_STEM) {
                return word.substring(0, word.length() - ending.length());
            }
        }
        return word;
    }

    private static List<String> longestFirst(String... endings) {
        return Arrays.stream(endings).distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }
}

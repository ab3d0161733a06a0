package dev.salespipeline.command.speech.command;

import java.util.List;

import dev.salespipeline.api.speech.SetSpeechDictionary;
import dev.salespipeline.api.speech.SpeechDictionaryIds;
import dev.salespipeline.api.speech.SpeechLanguage;
import dev.salespipeline.command.deal.command.Caller;
import dev.salespipeline.command.rules.AccessDenied;
import dev.salespipeline.command.rules.RuleViolation;
import dev.salespipeline.command.speech.matching.Dictionary;

/**
 * The dictionaries' rules: only admins manage them (they decide what every call of the company is checked for);
 * a dictionary's id is the one of its language and list; every phrase has 1 to
 * {@value SpeechDictionaryIds#PHRASE_WORDS} words ({@value #PHRASE_WORDS}).
 */
public final class SpeechDictionaryRules {

    /** A phrase is 1 to 8 words of letters or digits, each at most 200 characters. */
    public static final String PHRASE_WORDS = "PhraseWords";

    private SpeechDictionaryRules() {
    }

    static void checkMayManage(Caller caller) {
        if (!caller.has(Caller.ADMIN)) {
            throw new AccessDenied("SpeechDictionaryAccessPolicy", caller.id() + " may not set or withdraw speech "
                    + "dictionaries; they are managed by admins");
        }
    }

    static void checkIdentity(SetSpeechDictionary command) {
        String expected = SpeechDictionaryIds.of(command.language(), command.list());
        if (!expected.equals(command.dictionaryId())) {
            throw new IllegalArgumentException("the " + command.list() + " dictionary in " + command.language().code()
                    + " has the id " + expected + ", not " + command.dictionaryId());
        }
    }

    static void checkPhrases(SpeechLanguage language, String list, List<String> phrases) {
        try {
            Dictionary.of(language, list, phrases);
        } catch (IllegalArgumentException e) {
            throw new RuleViolation(PHRASE_WORDS, e.getMessage());
        }
    }
}

package dev.salespipeline.command.speech.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.salespipeline.api.deal.TranscriptMatch;
import dev.salespipeline.api.speech.SpeechLanguage;

class TranscriptMatcherTest {

    @Test
    void aUkrainianStopWordIsFoundWhateverItsCaseAndThePunctuationAroundIt() {
        Dictionary stopWords = Dictionary.of(SpeechLanguage.UK, "stop-words", List.of("гарантую"));
        String transcript = "Добрий день! ГАРАНТУЮ, що все буде вчасно.";

        assertThat(TranscriptMatcher.find(transcript, List.of(stopWords))).containsExactly(
                new TranscriptMatch("uk", "stop-words", "гарантую", 13, 21, "ГАРАНТУЮ"));
    }

    @Test
    void aRussianComplaintIsFoundWithAnotherWordEnding() {
        Dictionary complaints = Dictionary.of(SpeechLanguage.RU, "complaints", List.of("жалоба", "претензия"));
        String transcript = "Я хочу подать жалобу на вашего менеджера, и у меня есть претензии к качеству.";

        assertThat(TranscriptMatcher.find(transcript, List.of(complaints)))
                .extracting(TranscriptMatch::phrase, TranscriptMatch::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("жалоба", "жалобу"),
                        org.assertj.core.groups.Tuple.tuple("претензия", "претензии"));
    }

    @Test
    void aCleanCallHasNoMatches() {
        Dictionary stopWords = Dictionary.of(SpeechLanguage.UK, "stop-words", List.of("гарантую", "не можу"));
        Dictionary complaints = Dictionary.of(SpeechLanguage.RU, "complaints", List.of("жалоба"));

        assertThat(TranscriptMatcher.find("Дякую за дзвінок, надішлю пропозицію сьогодні.",
                List.of(stopWords, complaints))).isEmpty();
        assertThat(TranscriptMatcher.find(null, List.of(stopWords))).isEmpty();
        assertThat(TranscriptMatcher.find("гарантую", List.of())).isEmpty();
    }

    @Test
    void aPhraseMatchesItsWordsOneAfterTheOtherWithOnlyPunctuationBetween() {
        Dictionary stopWords = Dictionary.of(SpeechLanguage.UK, "stop-words", List.of("не можу"));

        assertThat(TranscriptMatcher.find("Ні... не, можу сказати", List.of(stopWords)))
                .extracting(TranscriptMatch::text).containsExactly("не, можу");
        assertThat(TranscriptMatcher.find("Я не дуже можу", List.of(stopWords))).isEmpty();
    }

    @Test
    void polishAndEnglishEndingsAreTakenOff() {
        Dictionary polish = Dictionary.of(SpeechLanguage.PL, "complaints", List.of("skarga"));
        Dictionary english = Dictionary.of(SpeechLanguage.EN, "complaints", List.of("file a complaint"));

        assertThat(TranscriptMatcher.find("Chcę złożyć skargę na obsługę.", List.of(polish)))
                .extracting(TranscriptMatch::text).containsExactly("skargę");
        assertThat(TranscriptMatcher.find("We filed a COMPLAINT yesterday.", List.of(english)))
                .extracting(TranscriptMatch::text).containsExactly("filed a COMPLAINT");
    }

    @Test
    void stressMarksTheLetterYoAndApostrophesDoNotMatter() {
        Dictionary russian = Dictionary.of(SpeechLanguage.RU, "own", List.of("всё равно"));
        Dictionary ukrainian = Dictionary.of(SpeechLanguage.UK, "own", List.of("м'ясо"));

        assertThat(TranscriptMatcher.find("Мне все равно́.", List.of(russian))).hasSize(1);
        assertThat(TranscriptMatcher.find("Свіже м’ясо щодня", List.of(ukrainian)))
                .extracting(TranscriptMatch::text).containsExactly("м’ясо");
    }

    @Test
    void shortWordsAreComparedWhole() {
        Dictionary english = Dictionary.of(SpeechLanguage.EN, "own", List.of("no"));

        assertThat(TranscriptMatcher.find("No, not now.", List.of(english))).extracting(TranscriptMatch::text)
                .containsExactly("No");
    }

    @Test
    void matchesOfSeveralDictionariesComeInTheTranscriptsOrderAndAreBounded() {
        Dictionary complaints = Dictionary.of(SpeechLanguage.EN, "complaints", List.of("complaint"));
        Dictionary profanity = Dictionary.of(SpeechLanguage.EN, "profanity", List.of("damn"));

        assertThat(TranscriptMatcher.find("Damn, another complaint. Damn.", List.of(complaints, profanity)))
                .extracting(TranscriptMatch::list, TranscriptMatch::start)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("profanity", 0),
                        org.assertj.core.groups.Tuple.tuple("complaints", 14),
                        org.assertj.core.groups.Tuple.tuple("profanity", 25));
        String many = "damn ".repeat(TranscriptMatch.MAX_PER_CALL + 100);
        List<TranscriptMatch> bounded = TranscriptMatcher.find(many, List.of(profanity));
        assertThat(bounded).hasSize(TranscriptMatch.MAX_PER_CALL);
        assertThat(bounded.get(TranscriptMatch.MAX_PER_CALL - 1).start()).isEqualTo(5 * (TranscriptMatch.MAX_PER_CALL - 1));
    }

    @Test
    void aPhraseHasOneToEightWords() {
        assertThatThrownBy(() -> Dictionary.of(SpeechLanguage.EN, "own", List.of("!!!")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 8 words");
        assertThatThrownBy(() -> Dictionary.of(SpeechLanguage.EN, "own", List.of("one two three four five six seven "
                + "eight nine"))).isInstanceOf(IllegalArgumentException.class);
        // two spellings of one phrase match once
        Dictionary twice = Dictionary.of(SpeechLanguage.EN, "own", List.of("Complaint", "complaints"));
        assertThat(TranscriptMatcher.find("a complaint", List.of(twice))).extracting(TranscriptMatch::phrase)
                .containsExactly("Complaint");
    }
}

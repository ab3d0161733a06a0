package dev.salespipeline.api.speech;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The languages whose transcripts can be checked against dictionaries: those whose word endings the matching knows
 * ({@code docs/metrics.md}, "Call quality"). Written in paths, ids and payloads as the ISO 639-1 code.
 */
public enum SpeechLanguage {
    EN("en"),
    PL("pl"),
    RU("ru"),
    UK("uk");

    private final String code;

    SpeechLanguage(String code) {
        this.code = code;
    }

    /** The ISO 639-1 code, lower case. */
    @JsonValue
    public String code() {
        return code;
    }

    /** @throws IllegalArgumentException for a code other than en, pl, ru and uk */
    @JsonCreator
    public static SpeechLanguage ofCode(String code) {
        String lower = code == null ? "" : code.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(language -> language.code.equals(lower)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("a transcript language is one of en, pl, ru and uk: "
                        + (code == null ? null : code.substring(0, Math.min(code.length(), 10)))));
    }
}

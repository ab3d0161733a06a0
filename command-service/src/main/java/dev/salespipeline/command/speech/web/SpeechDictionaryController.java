package dev.salespipeline.command.speech.web;

import java.time.Clock;
import java.time.Instant;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.speech.ChangeSpeechDictionary;
import dev.salespipeline.api.speech.SetSpeechDictionary;
import dev.salespipeline.api.speech.SpeechDictionaryIds;
import dev.salespipeline.api.speech.SpeechLanguage;
import dev.salespipeline.api.speech.WithdrawSpeechDictionary;
import dev.salespipeline.command.speech.table.SpeechDictionaryTable;
import dev.salespipeline.command.web.BusinessTime;
import dev.salespipeline.command.web.ExpectedVersion;
import dev.salespipeline.command.web.RequestMetadata;
import dev.salespipeline.command.web.RequestMetadataResolver;
import dev.salespipeline.command.web.WithinYears;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

/**
 * REST commands on the company's speech dictionaries, and the dictionaries in force. A dictionary is addressed by
 * its language and list, from which its id is built; a PUT sets it up if there is none yet and replaces its phrases
 * otherwise. Each request becomes one Axon command carrying the request's metadata; the list is read from
 * {@link SpeechDictionaryTable}, updated in the transaction that stores each change. Admins manage dictionaries;
 * managers and viewers besides list them ({@code CommandEndpointRules}).
 */
@RestController
@RequestMapping("/speech-dictionaries")
@Tag(name = "Speech dictionaries", description = "Stop words, complaint phrases, profanity and a company's own lists "
        + "per language, which call transcripts are checked against when the call is logged")
class SpeechDictionaryController {

    private static final String CORRELATION = "Correlation id shared by everything this request causes; "
            + "generated when absent";
    private static final String LANGUAGE_PATTERN = "en|pl|ru|uk";
    private static final String LANGUAGE_MESSAGE = "must be one of en, pl, ru and uk";
    private static final String LIST_MESSAGE = "must be 1-40 lower-case letters, digits and dashes, such as "
            + "stop-words, complaints or profanity";

    private final CommandGateway commands;
    private final EventStore events;
    private final SpeechDictionaryTable table;
    private final Clock clock;

    SpeechDictionaryController(CommandGateway commands, EventStore events, SpeechDictionaryTable table, Clock clock) {
        this.commands = commands;
        this.events = events;
        this.table = table;
        this.clock = clock;
    }

    @PutMapping("/{language}/{list}")
    @Operation(summary = "Set a dictionary's phrases", description = "Sets up the dictionary of a language and list "
            + "with its phrases, or replaces them (a withdrawn dictionary comes back). Calls logged from then on are "
            + "checked against them; calls logged before keep their matches. Admins. Answers the dictionary id and "
            + "version, which is also the ETag; with If-Match, a change based on an older version is refused (412). "
            + "A phrase of no word or of more than 8 is refused (422, rule PhraseWords).")
    @Parameter(name = RequestMetadataResolver.CORRELATION_HEADER, in = ParameterIn.HEADER, description = CORRELATION)
    ResponseEntity<DictionaryAccepted> set(
            @Parameter(example = "uk")
            @PathVariable @Pattern(regexp = LANGUAGE_PATTERN, message = LANGUAGE_MESSAGE) String language,
            @Parameter(example = "stop-words")
            @PathVariable @Pattern(regexp = SpeechDictionaryIds.LIST_PATTERN, message = LIST_MESSAGE) String list,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody SetDictionaryRequest request,
            @Parameter(hidden = true) RequestMetadata metadata) {
        SpeechLanguage speechLanguage = SpeechLanguage.ofCode(language);
        String dictionaryId = SpeechDictionaryIds.of(speechLanguage, list);
        Long expectedVersion = ExpectedVersion.fromIfMatch(ifMatch);
        Instant occurredAt = BusinessTime.of(request.occurredAt(), clock);

        if (events.lastSequenceNumberFor(dictionaryId).isPresent()) {
            return send(dictionaryId, new ChangeSpeechDictionary(dictionaryId, request.phrases(), expectedVersion,
                    occurredAt), metadata);
        }
        if (ExpectedVersion.isGiven(ifMatch)) {
            throw new ResponseStatusException(HttpStatus.PRECONDITION_FAILED,
                    "There is no dictionary to match yet: set it without If-Match.");
        }
        if (table.count() >= SpeechDictionaryIds.MAX_DICTIONARIES) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, "The company has "
                    + SpeechDictionaryIds.MAX_DICTIONARIES + " dictionaries, the most it may keep: change one.");
        }
        send(new SetSpeechDictionary(dictionaryId, speechLanguage, list, request.phrases(), occurredAt), metadata);
        return accepted(dictionaryId, 0);
    }

    @DeleteMapping("/{language}/{list}")
    @Operation(summary = "Withdraw a dictionary", description = "Calls logged from then on are not checked against "
            + "it; setting its phrases again brings it back. Withdrawing a withdrawn dictionary changes nothing. "
            + "Admins; If-Match as for setting it; 404 for a dictionary that was never set.")
    @Parameter(name = RequestMetadataResolver.CORRELATION_HEADER, in = ParameterIn.HEADER, description = CORRELATION)
    ResponseEntity<DictionaryAccepted> withdraw(
            @Parameter(example = "uk")
            @PathVariable @Pattern(regexp = LANGUAGE_PATTERN, message = LANGUAGE_MESSAGE) String language,
            @Parameter(example = "stop-words")
            @PathVariable @Pattern(regexp = SpeechDictionaryIds.LIST_PATTERN, message = LIST_MESSAGE) String list,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Parameter(description = "Business time of the withdrawal (ISO-8601); defaults to now")
            @RequestParam(required = false) @WithinYears Instant occurredAt,
            @Parameter(hidden = true) RequestMetadata metadata) {
        String dictionaryId = SpeechDictionaryIds.of(SpeechLanguage.ofCode(language), list);
        if (events.lastSequenceNumberFor(dictionaryId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No dictionary " + dictionaryId + " here.");
        }
        return send(dictionaryId, new WithdrawSpeechDictionary(dictionaryId, ExpectedVersion.fromIfMatch(ifMatch),
                BusinessTime.of(occurredAt, clock)), metadata);
    }

    @GetMapping
    @Operation(summary = "The dictionaries in force", description = "By language and list, with their phrases and "
            + "versions. Admins, managers and viewers.")
    DictionaryList list() {
        return new DictionaryList(table.current().stream().map(DictionaryList.Entry::of).toList());
    }

    private Object send(AggregateCommand command, RequestMetadata metadata) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .withMetaData(metadata.asMetaData()));
    }

    private ResponseEntity<DictionaryAccepted> send(String dictionaryId, AggregateCommand command,
                                                    RequestMetadata metadata) {
        return accepted(dictionaryId, ((Number) send(command, metadata)).longValue());
    }

    private static ResponseEntity<DictionaryAccepted> accepted(String dictionaryId, long version) {
        return ResponseEntity.ok().eTag("\"" + version + "\"").body(new DictionaryAccepted(dictionaryId, version));
    }

    /** What a command on a dictionary answers: the dictionary and its version after the command. */
    record DictionaryAccepted(String dictionaryId, long version) {
    }
}

package dev.salespipeline.command.speech.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.List;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import dev.salespipeline.api.speech.ChangeSpeechDictionary;
import dev.salespipeline.api.speech.SetSpeechDictionary;
import dev.salespipeline.api.speech.SpeechDictionaryChanged;
import dev.salespipeline.api.speech.SpeechDictionarySet;
import dev.salespipeline.api.speech.SpeechDictionaryWithdrawn;
import dev.salespipeline.api.speech.SpeechLanguage;
import dev.salespipeline.api.speech.WithdrawSpeechDictionary;
import dev.salespipeline.command.axon.AggregateCommandTargetResolver;
import dev.salespipeline.command.deal.command.Caller;

/**
 * A company's dictionary for one language and list (stop words, complaint phrases, profanity, or a list of its
 * own), against which the transcripts of calls are checked when they are logged. Its id is built from language and
 * list ({@code SpeechDictionaryIds}), so there is one of each. Every change is an event, so which phrases were in
 * force at any time is in the store; a call keeps the matches it was given. Admins manage dictionaries
 * ({@link SpeechDictionaryRules} has the rules); handlers on an existing dictionary return its version afterwards,
 * which the API sends as the ETag.
 */
@Aggregate(commandTargetResolver = AggregateCommandTargetResolver.BEAN_NAME)
public class SpeechDictionary {

    @AggregateIdentifier
    private String dictionaryId;
    private SpeechLanguage language;
    private String list;
    private List<String> phrases;
    private boolean withdrawn;

    protected SpeechDictionary() {
        // for Axon: the aggregate is rebuilt from its events
    }

    @CommandHandler
    public SpeechDictionary(SetSpeechDictionary command, MetaData metaData) {
        SpeechDictionaryRules.checkMayManage(Caller.from(metaData));
        SpeechDictionaryRules.checkIdentity(command);
        SpeechDictionaryRules.checkPhrases(command.language(), command.list(), command.phrases());
        apply(new SpeechDictionarySet(command.dictionaryId(), command.language(), command.list(), command.phrases(),
                command.occurredAt()));
    }

    /** Setting the phrases it has changes nothing; a withdrawn dictionary comes back with the new phrases. */
    @CommandHandler
    long handle(ChangeSpeechDictionary command, MetaData metaData, ConflictResolver conflicts) {
        SpeechDictionaryRules.checkMayManage(Caller.from(metaData));
        conflicts.detectConflicts(unseenEvents -> !unseenEvents.isEmpty());
        SpeechDictionaryRules.checkPhrases(language, list, command.phrases());
        if (withdrawn || !command.phrases().equals(phrases)) {
            apply(new SpeechDictionaryChanged(dictionaryId, command.phrases(), command.occurredAt()));
        }
        return version();
    }

    /** Withdrawing a withdrawn dictionary changes nothing. */
    @CommandHandler
    long handle(WithdrawSpeechDictionary command, MetaData metaData, ConflictResolver conflicts) {
        SpeechDictionaryRules.checkMayManage(Caller.from(metaData));
        conflicts.detectConflicts(unseenEvents -> !unseenEvents.isEmpty());
        if (!withdrawn) {
            apply(new SpeechDictionaryWithdrawn(dictionaryId, command.occurredAt()));
        }
        return version();
    }

    private static long version() {
        Long version = AggregateLifecycle.getVersion();
        return version == null ? 0 : version;
    }

    @EventSourcingHandler
    void on(SpeechDictionarySet event) {
        this.dictionaryId = event.dictionaryId();
        this.language = event.language();
        this.list = event.list();
        this.phrases = event.phrases();
    }

    @EventSourcingHandler
    void on(SpeechDictionaryChanged event) {
        this.phrases = event.phrases();
        this.withdrawn = false;
    }

    @EventSourcingHandler
    void on(SpeechDictionaryWithdrawn event) {
        this.withdrawn = true;
    }
}

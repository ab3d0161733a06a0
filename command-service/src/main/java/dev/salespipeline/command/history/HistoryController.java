package dev.salespipeline.command.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.salespipeline.command.deal.command.Caller;
import dev.salespipeline.security.Actor;
import dev.salespipeline.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The audit history over REST: a deal's every event, and everything one person did in a period.
 */
@RestController
@EnableConfigurationProperties(HistoryProperties.class)
@Tag(name = "History", description = "Audit history from the event store")
class HistoryController {

    private final AuditHistory history;
    private final HistoryVisibility visibility;
    private final HistoryProperties limits;

    HistoryController(AuditHistory history, HistoryVisibility visibility, HistoryProperties limits) {
        this.history = history;
        this.visibility = visibility;
        this.limits = limits;
    }

    /** A page of history: the entries and, if there are more, where the next page starts. */
    record Page(List<HistoryEntry> items, Long next) {
    }

    @GetMapping("/deals/{dealId}/history")
    @Operation(summary = "A deal's full history, oldest first",
            description = "Each event with actor, source, business and recorded time, correlation id, and for field "
                    + "changes the old and new values. Page with from (a sequence number) and limit. Who may read "
                    + "it is decided by the deal's current owner and team, as for commands; 404 for a deal the "
                    + "caller may not see.")
    Page dealHistory(@PathVariable String dealId,
                     @RequestParam(defaultValue = "0") @Min(0) long from,
                     @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                     @Parameter(hidden = true) Actor actor) {
        if (!visibility.forCaller(caller(actor)).maySee(HistoryVisibility.DEAL, dealId)
                || visibility.deal(dealId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No deal " + dealId);
        }
        List<HistoryEntry> entries = history.ofAggregate(dealId, from, limit + 1);
        boolean more = entries.size() > limit;
        List<HistoryEntry> page = more ? entries.subList(0, limit) : entries;
        return new Page(page, more ? page.get(page.size() - 1).sequence() + 1 : null);
    }

    @GetMapping("/history")
    @Operation(summary = "Everything one person changed in a period (by business time), in the order stored",
            description = "Reps see their own changes; managers the changes made within their team; admins all; "
                    + "each only on the deals, targets and activities they may see now. The period may span at most "
                    + "pipeline.history.max-span (92 days unless configured); page with page and size.")
    Page actorHistory(@RequestParam String actor,
                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                      @RequestParam(defaultValue = "0") @Min(0) int page,
                      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size,
                      @Parameter(hidden = true) Actor caller) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must lie before to");
        }
        if (Duration.between(from, to).compareTo(limits.maxSpan()) > 0) {
            throw new IllegalArgumentException("from and to may lie at most " + limits.maxSpan().toDays()
                    + " days apart; ask for several periods");
        }
        String team = null;
        if (!caller.has(Role.ADMIN)) {
            if (caller.has(Role.MANAGER) && caller.team() != null) {
                team = caller.team();
            } else if (!caller.id().equals(actor)) {
                throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only your own changes are visible to you");
            }
        }
        List<HistoryEntry> entries = history.byActor(actor, team, from, to, page, size + 1,
                visibility.forCaller(caller(caller)));
        boolean more = entries.size() > size;
        return new Page(more ? entries.subList(0, size) : entries, more ? (long) page + 1 : null);
    }

    private static Caller caller(Actor actor) {
        return new Caller(actor.id(), actor.roles().stream().map(Role::claimValue).collect(Collectors.toSet()),
                actor.team());
    }
}

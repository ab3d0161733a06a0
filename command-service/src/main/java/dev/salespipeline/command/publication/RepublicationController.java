package dev.salespipeline.command.publication;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;

/** Administration of the Kafka publication: republishing the store for consumers that rebuild. */
@RestController
@Tag(name = "Administration", description = "Operations on the event publication")
class RepublicationController {

    private final Republication republication;

    RepublicationController(Republication republication) {
        this.republication = republication;
    }

    @PostMapping("/admin/republication")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Publish the event store again", description = "From the first event, or from a store "
            + "position. Every command-service instance stops its publisher until the tokens are reset, then all "
            + "publish again. Answers at once; follow the progress with GET. 409 while an earlier request waits.")
    Republication.Progress start(@RequestParam(required = false) @Min(0) Long fromPosition) {
        return republication.start(fromPosition);
    }

    @GetMapping("/admin/republication")
    @Operation(summary = "Progress of the publication", description = "republishing is false once everything "
            + "published before has been sent again.")
    Republication.Progress progress() {
        return republication.progress();
    }
}

package dev.salespipeline.query.rebuild;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Administration of the read models: rebuilding them from the event topic. */
@RestController
@Tag(name = "Administration", description = "Operations on the read models")
class RebuildController {

    private final ReadModelRebuild rebuild;

    RebuildController(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping("/admin/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Rebuild the read models from the event topic",
            description = "Folds the whole topic into new collections while the live read models stay in use, then "
                    + "swaps them in. Answers at once; follow the progress with GET. 409 while another rebuild runs "
                    + "or other instances consume in the group.")
    ReadModelRebuild.Progress start() {
        return rebuild.start();
    }

    @GetMapping("/admin/rebuild")
    @Operation(summary = "Progress of the latest rebuild",
            description = "phase, events applied of those on the topic at the start, events per second and the "
                    + "seconds left at that rate; rebuilding is false once the new read models are swapped in (or "
                    + "the rebuild failed, with its error).")
    ReadModelRebuild.Progress progress() {
        return rebuild.progress();
    }

    @ExceptionHandler(ReadModelRebuild.RebuildRefusedException.class)
    ProblemDetail refused(ReadModelRebuild.RebuildRefusedException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setTitle("Rebuild refused");
        return problem;
    }
}

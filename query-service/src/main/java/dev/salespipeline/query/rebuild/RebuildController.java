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
            description = "Empties the read models and applies the whole topic again. Answers at once; follow the "
                    + "progress with GET. 409 while another rebuild runs or other instances consume in the group.")
    ReadModelRebuild.Progress start() {
        return rebuild.start();
    }

    @GetMapping("/admin/rebuild")
    @Operation(summary = "Progress of the latest rebuild",
            description = "rebuilding is false once every event on the topic when the rebuild began is applied.")
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

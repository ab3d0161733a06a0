package dev.salespipeline.kafka;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Dead-letter topics for operators (the service's rules give {@code /admin/**} to admins only):
 * {@code GET /admin/dead-letters/{topic}} reads records with their reasons, {@code POST
 * /admin/dead-letters/{topic}/redrive?fromOffset=&toOffset=} sends them back to the topic they came from.
 */
@RestController
@RequestMapping("/admin/dead-letters")
public class DeadLetterController {

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/{topic}")
    public List<DeadLetter> read(@PathVariable String topic,
                                 @RequestParam(defaultValue = "0") int partition,
                                 @RequestParam(defaultValue = "0") long fromOffset,
                                 @RequestParam(defaultValue = "100") int limit) {
        requireValid(topic, partition, fromOffset);
        if (limit < 1 || limit > DeadLetters.MAX_RECORDS) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "limit must be between 1 and " + DeadLetters.MAX_RECORDS);
        }
        return deadLetters.read(topic, partition, fromOffset, limit);
    }

    @PostMapping("/{topic}/redrive")
    public DeadLetters.Redrive redrive(@PathVariable String topic,
                                       @RequestParam(defaultValue = "0") int partition,
                                       @RequestParam long fromOffset,
                                       @RequestParam long toOffset) {
        requireValid(topic, partition, fromOffset);
        if (toOffset < fromOffset || toOffset - fromOffset >= DeadLetters.MAX_RECORDS) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "toOffset must be from fromOffset to fromOffset + "
                    + (DeadLetters.MAX_RECORDS - 1));
        }
        return deadLetters.redrive(topic, partition, fromOffset, toOffset);
    }

    private static void requireValid(String topic, int partition, long fromOffset) {
        if (!DeadLetters.isDeadLetterTopic(topic)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, topic + " is not a dead-letter topic");
        }
        if (partition < 0 || fromOffset < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "partition and fromOffset must not be negative");
        }
    }
}

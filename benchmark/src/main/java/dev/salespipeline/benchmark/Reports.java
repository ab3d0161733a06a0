package dev.salespipeline.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import tools.jackson.databind.json.JsonMapper;

/** Where a benchmark's JSON report goes, and writing it there. */
final class Reports {

    private Reports() {
    }

    /** The file named, or {@code benchmark/target/<benchmark>-<local time>.json} when none is. */
    static Path file(String named, String benchmark) {
        return Path.of(named == null || named.isBlank()
                ? "benchmark/target/" + benchmark + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json"
                : named);
    }

    /** Writes the report as indented JSON, creating the directory, and returns the absolute file. */
    static Path write(Path file, Object report, JsonMapper json) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Files.writeString(absolute, json.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
        return absolute;
    }
}

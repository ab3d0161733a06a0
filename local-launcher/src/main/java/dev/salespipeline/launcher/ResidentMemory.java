package dev.salespipeline.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Resident memory of processes, as Linux reports it in {@code /proc/<pid>/status} ({@code VmRSS}). */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    /** The resident set size of one process in bytes, 0 if unknown (gone, or not on Linux). */
    public static long ofProcess(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                    .orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The resident set sizes of a process and all its descendants, added up. Pages that processes share (PostgreSQL's
     * shared buffers, for example) are counted once per process, so this is an upper bound.
     */
    public static long ofProcessTree(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return 0;
        }
        List<Long> pids = Stream.concat(Stream.of(process.get()), process.get().descendants())
                .map(ProcessHandle::pid)
                .toList();
        return pids.stream().mapToLong(ResidentMemory::ofProcess).sum();
    }

    /** Bytes as mebibytes, for people. */
    public static String format(long bytes) {
        return String.format("%,d MiB", Math.round(bytes / (1024.0 * 1024.0)));
    }
}

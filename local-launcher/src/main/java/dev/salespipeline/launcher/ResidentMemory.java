package dev.salespipeline.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Resident memory of processes, as Linux reports it: each process's proportional set size ({@code Pss} in
 * {@code /proc/<pid>/smaps_rollup}), in which a page shared by several processes counts once in all, shared out among
 * them; {@code VmRSS} from {@code /proc/<pid>/status} where the kernel has no {@code smaps_rollup}.
 */
public final class ResidentMemory {

    private static final String[][] SOURCES = {{"smaps_rollup", "Pss:"}, {"status", "VmRSS:"}};

    private ResidentMemory() {
    }

    /** The resident memory of one process in bytes, 0 if unknown (gone, or not on Linux). */
    public static long ofProcess(long pid) {
        for (String[] source : SOURCES) {
            try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), source[0]),
                    StandardCharsets.US_ASCII)) {
                Optional<Long> kib = lines.filter(line -> line.startsWith(source[1]))
                        .findFirst()
                        .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")));
                if (kib.isPresent()) {
                    return kib.get() * 1024;
                }
            } catch (IOException | RuntimeException e) {
                // not readable here: the next source, else unknown
            }
        }
        return 0;
    }

    /**
     * The resident memory of a process and all its descendants, added up. With proportional set sizes, pages they
     * share (PostgreSQL's shared buffers, for example) count once.
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

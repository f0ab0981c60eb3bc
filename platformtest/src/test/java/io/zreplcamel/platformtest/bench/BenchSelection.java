package io.zreplcamel.platformtest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmarks are long (minutes under emulation), so they run only when asked: with {@code -Dzpt.bench=true}, or
 * when a {@code platformtest/run --filter} pattern names the benchmark (the runner writes the filters to
 * {@code <results>/filters}).
 */
final class BenchSelection {

    private BenchSelection() {
    }

    static boolean requested(String benchmarkName) {
        if (Boolean.getBoolean("zpt.bench")) {
            return true;
        }
        String results = System.getenv("ZPT_RESULTS");
        Path filters = Path.of(results != null ? results : "/mnt/results", "filters");
        try {
            return Files.exists(filters) && Files.readString(filters).contains(benchmarkName);
        } catch (IOException e) {
            return false;
        }
    }
}

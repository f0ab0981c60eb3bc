package io.zreplcamel.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pieces of the status text: zrepl's byte units, the progress bar, durations, and what a job without runs shows. */
class StatusTextTest {

    @Test
    void bytesUseBinaryUnitsWithOneDecimalFrom1024() {
        assertThat(StatusText.bytes(0)).isEqualTo("0 B");
        assertThat(StatusText.bytes(1023)).isEqualTo("1023 B");
        assertThat(StatusText.bytes(1024)).isEqualTo("1.0 KiB");
        assertThat(StatusText.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(StatusText.bytes(5L << 30)).isEqualTo("5.0 GiB");
        assertThat(StatusText.bytes(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
    }

    @Test
    void theBarIsFiftyWideAndNeverOverflows() {
        assertThat(StatusText.bar(0, 0)).isEqualTo("[>" + "-".repeat(49) + "]");
        assertThat(StatusText.bar(1, 2)).isEqualTo("[" + "=".repeat(25) + ">" + "-".repeat(24) + "]");
        assertThat(StatusText.bar(2, 2)).isEqualTo("[" + "=".repeat(50) + "]");
        assertThat(StatusText.bar(5, 2)).isEqualTo("[" + "=".repeat(50) + "]"); // estimates can be low
    }

    @Test
    void durations() {
        assertThat(StatusText.duration(Duration.ofSeconds(59))).isEqualTo("59s");
        assertThat(StatusText.duration(Duration.ofSeconds(61))).isEqualTo("1m1s");
        assertThat(StatusText.duration(Duration.ofSeconds(3 * 3600 + 120))).isEqualTo("3h2m");
        assertThat(StatusText.duration(Duration.ofSeconds(-5))).isEqualTo("0s");
    }

    @Test
    void aJobThatNeverRanAndADaemonWithoutJobs() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(StatusText.render(json.readTree("{\"daemon\":{},\"jobs\":{}}"))).isEqualTo("no jobs\n");
        assertThat(StatusText.render(json.readTree("{\"daemon\":{\"now\":\"2026-12-03T10:00:00Z\"},\"jobs\":{"
                + "\"p\":{\"type\":\"pull\",\"state\":\"woken\",\"nextRun\":\"2026-12-03T10:10:00Z\"},"
                + "\"s\":{\"type\":\"snap\",\"state\":\"running\",\"phase\":\"pruning\","
                + "\"runStarted\":\"2026-12-03T09:58:55Z\"}}}")))
                .isEqualTo("Job: p\nType: pull\nState: woken\nNext run: 2026-12-03T10:10:00Z\nLast run: none yet\n"
                        + "\n" + "-".repeat(78) + "\n\n"
                        + "Job: s\nType: snap\nState: running (pruning), started 2026-12-03T09:58:55Z (lasting 1m5s)\n"
                        + "Last run: none yet\n");
    }
}

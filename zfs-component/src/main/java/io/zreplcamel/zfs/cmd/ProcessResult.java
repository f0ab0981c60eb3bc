package io.zreplcamel.zfs.cmd;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a process run by {@link ProcessRunner#run} ended. The output itself is in the spec's sinks.
 *
 * @param exitCode   the exit code; 128 + n when signal n ended it
 * @param killReason why we killed it (timeout, runner closed), empty when it exited by itself
 * @param timedOut   it was killed because its timeout passed
 * @param incomplete why its output was not read to the end (a read failed, a pipe stayed open after the exit):
 *                   callers must not treat what the sinks hold as all of it
 * @param leftBehind processes of its session still running after it exited, which were then ended
 */
public record ProcessResult(List<String> argv, long pid, int exitCode, Duration elapsed, Optional<String> killReason,
                            boolean timedOut, Optional<String> incomplete, int leftBehind) {

    public ProcessResult {
        argv = List.copyOf(argv);
    }
}

package io.zreplcamel.processors.replication.driver;

import io.zreplcamel.processors.replication.plan.ConflictKind;
import io.zreplcamel.processors.replication.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mutable state of one filesystem during one attempt. Every field is read and written under the attempt's lock,
 * except {@link #runningBytes}, which the step's byte counter updates without it.
 */
final class FilesystemProgress {

    final String filesystem;
    FilesystemState state = FilesystemState.PLANNING;
    List<Step> steps = List.of();
    List<Long> estimates = new ArrayList<>();
    int stepsDone;
    boolean running;
    /** The receiver has this filesystem (so its children may be received below it). */
    boolean presentOnReceiver;
    long bytesReplicatedDone;
    final AtomicLong runningBytes = new AtomicLong();
    Optional<String> currentStep = Optional.empty();
    Optional<String> error = Optional.empty();
    Optional<ConflictKind> conflict = Optional.empty();
    /** The planned filesystems that are strict path prefixes of this one, nearest last. */
    List<FilesystemProgress> parents = List.of();

    FilesystemProgress(String filesystem) {
        this.filesystem = filesystem;
    }

    void fail(FilesystemState terminal, String message) {
        state = terminal;
        error = Optional.of(message);
        running = false;
        currentStep = Optional.empty();
    }

    boolean hasNextStep() {
        return stepsDone < steps.size();
    }

    Step nextStep() {
        return steps.get(stepsDone);
    }

    long bytesExpected() {
        return estimates.stream().mapToLong(e -> Math.max(0, e)).sum();
    }

    FilesystemReport report() {
        return new FilesystemReport(filesystem, state, stepsDone, steps.size(), bytesExpected(),
                bytesReplicatedDone + (running ? runningBytes.get() : 0), currentStep, error, conflict);
    }

    /** Whether {@code parent} is a strict ancestor path of {@code child} ({@code a} is not a parent of {@code aa}). */
    static boolean isParent(String parent, String child) {
        return child.length() > parent.length() && child.startsWith(parent) && child.charAt(parent.length()) == '/';
    }
}

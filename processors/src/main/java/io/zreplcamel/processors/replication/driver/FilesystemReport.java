package io.zreplcamel.processors.replication.driver;

import io.zreplcamel.processors.replication.plan.ConflictKind;
import java.util.Objects;
import java.util.Optional;

/**
 * One filesystem in one attempt, as a snapshot of its progress.
 *
 * @param filesystem      the sender's dataset
 * @param stepsDone       steps completed (cursor moved) in this attempt
 * @param stepsTotal      steps planned in this attempt
 * @param bytesExpected   sum of the size estimates of the planned steps (0 while planning)
 * @param bytesReplicated bytes that went through the driver's counter, completed and running steps (a local
 *                        direct pipe is counted by the receiver's result, so it shows up when the step is done)
 * @param currentStep     {@link io.zreplcamel.processors.endpoint.StepRequest#describe()} of the running step
 * @param error           why it failed or was skipped, naming the filesystem and what to do
 * @param conflict        the planning conflict, when planning failed because of one
 */
public record FilesystemReport(String filesystem, FilesystemState state, int stepsDone, int stepsTotal,
        long bytesExpected, long bytesReplicated, Optional<String> currentStep, Optional<String> error,
        Optional<ConflictKind> conflict) {

    public FilesystemReport {
        Objects.requireNonNull(filesystem, "filesystem");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(currentStep, "currentStep");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(conflict, "conflict");
    }
}

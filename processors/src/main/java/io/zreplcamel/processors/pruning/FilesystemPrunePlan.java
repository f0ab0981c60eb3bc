package io.zreplcamel.processors.pruning;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of planning one filesystem: skipped (with the reason), failed to plan (with the error), or a
 * {@link PrunePlan}.
 */
public record FilesystemPrunePlan(String filesystem, Optional<SkipReason> skipReason, Optional<String> planError,
                                  PrunePlan plan) {

    /** Why a filesystem is left alone; the messages are zrepl's. */
    public enum SkipReason {
        PLACEHOLDER("filesystem is placeholder"),
        NO_CORRESPONDENCE_ON_SENDER("filesystem has no correspondence on sender");

        private final String message;

        SkipReason(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    public FilesystemPrunePlan {
        Objects.requireNonNull(filesystem, "filesystem");
        Objects.requireNonNull(skipReason, "skipReason");
        Objects.requireNonNull(planError, "planError");
        Objects.requireNonNull(plan, "plan");
    }

    static FilesystemPrunePlan skipped(String fs, SkipReason reason) {
        return new FilesystemPrunePlan(fs, Optional.of(reason), Optional.empty(), PrunePlan.empty());
    }

    static FilesystemPrunePlan error(String fs, String error) {
        return new FilesystemPrunePlan(fs, Optional.empty(), Optional.of(error), PrunePlan.empty());
    }

    static FilesystemPrunePlan planned(String fs, PrunePlan plan) {
        return new FilesystemPrunePlan(fs, Optional.empty(), Optional.empty(), plan);
    }

    /** Whether there is something to destroy. */
    public boolean hasWork() {
        return !plan.toDestroy().isEmpty();
    }
}

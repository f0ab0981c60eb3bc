package io.zreplcamel.processors.replication.guarantee;

import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.processors.model.FilesystemVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a guarantee mode makes the sender do at one phase of a step, as data (spec §8.2, design §4): holds to take,
 * bookmarks to create, and — given what is on disk — what to destroy. The sender executes it; this class does no
 * I/O. The mode is the step's ({@code protection.initial} without {@code from}, {@code incremental} otherwise).
 *
 * @param phase      before {@code zfs send} or at {@code SendCompleted}
 * @param mode       the step's guarantee mode
 * @param jobId      the sending job
 * @param stepHolds  snapshots to put the {@link #holdTag()} on
 * @param bookmarks  bookmarks to create (tentative cursors before send, the cursor at SendCompleted)
 */
public record GuaranteeActions(Phase phase, GuaranteeKind mode, String jobId, List<FilesystemVersion> stepHolds,
        List<NewBookmark> bookmarks) {

    public enum Phase { BEFORE_SEND, SEND_COMPLETED }

    /** A bookmark to create from {@code source} (a snapshot), named {@code name}. */
    public record NewBookmark(FilesystemVersion source, String name, AbstractionType type) {
        public NewBookmark {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    public GuaranteeActions {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(jobId, "jobId");
        stepHolds = List.copyOf(stepHolds);
        bookmarks = List.copyOf(bookmarks);
    }

    /**
     * Before send: resumability holds {@code from} (if a snapshot — a bookmark cannot be held and needs no hold)
     * and {@code to}; incremental bookmarks them as tentative cursors ({@code from} only if a snapshot: zrepl does
     * not copy bookmarks); nothing does nothing.
     */
    public static GuaranteeActions beforeSend(GuaranteeKind mode, String jobId, Optional<FilesystemVersion> from,
            FilesystemVersion to) {
        List<FilesystemVersion> protect = new ArrayList<>();
        from.filter(FilesystemVersion::isSnapshot).ifPresent(protect::add);
        protect.add(to);
        return switch (mode) {
            case GUARANTEE_RESUMABILITY -> new GuaranteeActions(Phase.BEFORE_SEND, mode, jobId, protect, List.of());
            case GUARANTEE_INCREMENTAL -> new GuaranteeActions(Phase.BEFORE_SEND, mode, jobId, List.of(),
                    protect.stream().map(v -> new NewBookmark(v, AbstractionNames.tentativeCursor(v.guid(), jobId),
                            AbstractionType.TENTATIVE_REPLICATION_CURSOR)).toList());
            case GUARANTEE_NOTHING -> new GuaranteeActions(Phase.BEFORE_SEND, mode, jobId, List.of(), List.of());
        };
    }

    /** At SendCompleted: the replication cursor on {@code to}, except with {@code guarantee_nothing}. */
    public static GuaranteeActions atSendCompleted(GuaranteeKind mode, String jobId, FilesystemVersion to) {
        List<NewBookmark> cursor = mode == GuaranteeKind.GUARANTEE_NOTHING ? List.of()
                : List.of(new NewBookmark(to, AbstractionNames.cursor(to.guid(), jobId),
                        AbstractionType.REPLICATION_CURSOR_V2));
        return new GuaranteeActions(Phase.SEND_COMPLETED, mode, jobId, List.of(), cursor);
    }

    public String holdTag() {
        return AbstractionNames.stepHold(jobId);
    }

    /** The abstractions these actions put on {@code filesystem} (bookmarks take their source's guid and txg). */
    public List<Abstraction> created(String filesystem) {
        List<Abstraction> out = new ArrayList<>();
        for (FilesystemVersion v : stepHolds) {
            out.add(new Abstraction(AbstractionType.STEP_HOLD, filesystem, v.name(), v.guid(), v.createTxg(),
                    Optional.of(jobId)));
        }
        for (NewBookmark b : bookmarks) {
            out.add(new Abstraction(b.type(), filesystem, b.name(), b.source().guid(), b.source().createTxg(),
                    Optional.of(jobId)));
        }
        return out;
    }

    /** What to destroy or release afterwards, given the abstractions that were on the filesystem before. */
    public List<Abstraction> toDestroy(String filesystem, Collection<Abstraction> existing,
            Optional<FilesystemVersion> from, FilesystemVersion to) {
        List<Abstraction> made = created(filesystem);
        return phase == Phase.BEFORE_SEND
                ? StaleAbstractions.beforeSend(existing, jobId, made, from, to)
                : StaleAbstractions.atSendCompleted(existing, jobId, made.stream().findFirst());
    }
}

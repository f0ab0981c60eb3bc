package io.zreplcamel.platformtest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs external commands for platform tests and captures their output.
 *
 * <p>Every command is logged to stdout as {@code    $ cmd  [rc=0, 0.15 s]} (the guest runner shows
 * these lines with {@code --verbose}) and counted per program, because each {@code zfs} process costs
 * about 0.15 s under emulation: see {@link #count(String)}.
 */
public final class Sh {

    /** Default limit for one command; a hung zfs command must not hang the whole suite. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

    private Sh() {
    }

    /** Outcome of one command (or pipeline). */
    public record Result(List<String> command, int exitCode, String stdout, String stderr, Duration duration) {

        public boolean ok() {
            return exitCode == 0;
        }

        /** This result if the exit code was 0, else a {@link CommandFailedException} with all output. */
        public Result check() {
            if (exitCode != 0) {
                throw new CommandFailedException(this);
            }
            return this;
        }

        /** Non-empty stdout lines. */
        public List<String> lines() {
            return stdout.lines().filter(l -> !l.isEmpty()).toList();
        }

        public String describe() {
            return "`" + String.join(" ", command) + "` exited " + exitCode + " after "
                    + String.format("%.2f s", duration.toMillis() / 1000.0)
                    + (stdout.isBlank() ? "" : "\n--- stdout:\n" + stdout.strip())
                    + (stderr.isBlank() ? "" : "\n--- stderr:\n" + stderr.strip());
        }
    }

    /** Thrown by {@link #run} and {@link Result#check()} when a command exits non-zero. */
    public static final class CommandFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Result result;

        public CommandFailedException(Result result) {
            super(result.describe());
            this.result = result;
        }

        public Result result() {
            return result;
        }
    }

    /** Runs a command and fails (with its output in the message) when it exits non-zero. */
    public static Result run(String... command) {
        return exec(List.of(command)).check();
    }

    public static Result run(List<String> command) {
        return exec(command).check();
    }

    /** Runs a command and returns its result whatever the exit code. */
    public static Result exec(String... command) {
        return exec(List.of(command));
    }

    public static Result exec(List<String> command) {
        return exec(command, null, DEFAULT_TIMEOUT);
    }

    /** Runs a command with {@code stdin} (may be null) as its standard input. */
    public static Result exec(List<String> command, byte[] stdin, Duration timeout) {
        long t0 = System.nanoTime();
        count(command);
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException e) {
            // the command did not read its input; its exit code tells the rest
        }
        int rc = waitFor(p, command, timeout);
        Result r = new Result(List.copyOf(command), rc, out.join(), err.join(), Duration.ofNanos(System.nanoTime() - t0));
        log(r);
        return r;
    }

    /** Runs {@code bash -c script}; fails when it exits non-zero. */
    public static Result bash(String script) {
        return exec(List.of("bash", "-euo", "pipefail", "-c", script)).check();
    }

    /**
     * Runs {@code first | second} as an OS pipe (the bytes never pass through the JVM), e.g.
     * {@code zfs send | zfs recv}. Fails when either side exits non-zero.
     */
    public static Result pipe(List<String> first, List<String> second) {
        long t0 = System.nanoTime();
        count(first);
        count(second);
        List<Process> ps;
        try {
            ps = ProcessBuilder.startPipeline(List.of(new ProcessBuilder(first), new ProcessBuilder(second)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + first + " | " + second, e);
        }
        Process a = ps.get(0);
        Process b = ps.get(1);
        try {
            a.getOutputStream().close();
        } catch (IOException ignored) {
            // nothing to do
        }
        CompletableFuture<String> errA = drain(a.getErrorStream());
        CompletableFuture<String> errB = drain(b.getErrorStream());
        CompletableFuture<String> outB = drain(b.getInputStream());
        int rcA = waitFor(a, first, DEFAULT_TIMEOUT);
        int rcB = waitFor(b, second, DEFAULT_TIMEOUT);
        List<String> cmd = new ArrayList<>(first);
        cmd.add("|");
        cmd.addAll(second);
        String err = errA.join() + errB.join();
        Result r = new Result(cmd, rcA != 0 ? rcA : rcB, outB.join(), err, Duration.ofNanos(System.nanoTime() - t0));
        log(r);
        return r.check();
    }

    /** How many commands named {@code program} (e.g. "zfs") this JVM ran so far. */
    public static long count(String program) {
        AtomicLong c = COUNTS.get(program);
        return c == null ? 0 : c.get();
    }

    private static void count(List<String> command) {
        if (!command.isEmpty()) {
            String prog = command.get(0);
            prog = prog.substring(prog.lastIndexOf('/') + 1);
            COUNTS.computeIfAbsent(prog, k -> new AtomicLong()).incrementAndGet();
        }
    }

    private static int waitFor(Process p, List<String> command, Duration timeout) {
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("command timed out after " + timeout + ": " + command);
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                return buf.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, r -> {
            Thread t = new Thread(r, "sh-drain");
            t.setDaemon(true);
            t.start();
        });
    }

    private static void log(Result r) {
        System.out.printf("    $ %s  [rc=%d, %.2f s]%n", String.join(" ", r.command()), r.exitCode(),
                r.duration().toMillis() / 1000.0);
        System.out.flush();
    }

    /** Convenience for building argument lists: {@code args("zfs", "list", extra...)}. */
    public static List<String> args(String first, String... rest) {
        List<String> l = new ArrayList<>();
        l.add(first);
        l.addAll(Arrays.asList(rest));
        return l;
    }
}

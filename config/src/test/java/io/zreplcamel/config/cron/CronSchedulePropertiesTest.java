package io.zreplcamel.config.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of {@link CronSchedule#next} over generated specs, start times and zones with DST. */
class CronSchedulePropertiesTest {

    private static final long HORIZON_MINUTES = 3 * 24 * 60;

    @Provide
    Arbitrary<String> specs() {
        return Combinators.combine(field(0, 59), field(0, 23), dayOfMonth(), field(1, 12), field(0, 6))
                .as((min, hour, dom, month, dow) -> min + " " + hour + " " + dom + " " + month + " " + dow);
    }

    private static Arbitrary<String> dayOfMonth() {
        return Arbitraries.oneOf(Arbitraries.just("*"), field(1, 31));
    }

    private static Arbitrary<String> field(int min, int max) {
        Arbitrary<Integer> value = Arbitraries.integers().between(min, max);
        Arbitrary<Integer> step = Arbitraries.integers().between(1, Math.max(1, (max - min) / 2));
        return Arbitraries.oneOf(
                Arbitraries.just("*"),
                step.map(s -> "*/" + s),
                value.map(String::valueOf),
                Combinators.combine(value, value).as((a, b) -> Math.min(a, b) + "-" + Math.max(a, b)),
                Combinators.combine(value, value).as((a, b) -> a + "," + b),
                Combinators.combine(value, value, step).as((a, b, s) -> Math.min(a, b) + "-" + Math.max(a, b) + "/" + s),
                Combinators.combine(value, step).as((a, s) -> a + "/" + s));
    }

    @Provide
    Arbitrary<ZonedDateTime> starts() {
        Arbitrary<ZoneId> zones = Arbitraries.of("UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe",
                "America/Santiago", "Asia/Kolkata").map(ZoneId::of);
        // around 2024 including both DST changes of the northern and southern hemisphere
        Arbitrary<Long> seconds = Arbitraries.longs().between(1_704_067_200L, 1_735_689_600L);
        return Combinators.combine(seconds, zones).as((s, z) -> Instant.ofEpochSecond(s).atZone(z));
    }

    @Property(tries = 300)
    void nextIsAfterTheStartMatchesTheSpecAndNothingIsSkipped(@ForAll("specs") String spec,
                                                              @ForAll("starts") ZonedDateTime start) {
        CronSchedule schedule = CronSchedule.parse(spec);
        Optional<ZonedDateTime> next = schedule.next(start);
        ZonedDateTime reference = bruteForceNext(schedule, start);

        if (reference != null) {
            assertThat(next).as("next of %s after %s", spec, start).contains(reference);
        } else {
            next.ifPresent(t -> assertThat(t.toInstant()).as("no fire time within the horizon")
                    .isAfter(start.toInstant().plus(HORIZON_MINUTES, ChronoUnit.MINUTES)));
        }
        next.ifPresent(t -> {
            assertThat(t).isAfter(start);
            assertThat(schedule.matches(t)).as("%s matches %s", t, spec).isTrue();
        });
    }

    @Property(tries = 200)
    void fireTimesStrictlyIncrease(@ForAll("specs") String spec, @ForAll("starts") ZonedDateTime start) {
        CronSchedule schedule = CronSchedule.parse(spec);
        ZonedDateTime t = start;
        for (int i = 0; i < 5; i++) {
            Optional<ZonedDateTime> next = schedule.next(t);
            if (next.isEmpty()) {
                return;
            }
            assertThat(next.get().toInstant()).isAfter(t.toInstant());
            t = next.get();
        }
    }

    /** Steps minute by minute over real instants: the reference semantics (robfig's) without any cleverness. */
    private static ZonedDateTime bruteForceNext(CronSchedule schedule, ZonedDateTime start) {
        ZonedDateTime t = start.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        for (long i = 0; i < HORIZON_MINUTES; i++) {
            ZonedDateTime candidate = t.plusMinutes(i);
            if (schedule.matches(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}

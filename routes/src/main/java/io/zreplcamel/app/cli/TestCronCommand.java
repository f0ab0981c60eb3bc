package io.zreplcamel.app.cli;

import io.zreplcamel.config.cron.CronSchedule;
import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zrepl-camel test cron}: the next fire times of a cron spec as the snapshotter computes them, one ISO-8601
 * instant (UTC) per line, or with {@code --offset} as date-time with the offset of the evaluation zone.
 */
@Command(name = "cron", mixinStandardHelpOptions = true,
        description = {"Print the next fire times of a cron spec (zrepl syntax: [second] minute hour dom month dow,",
                "CRON_TZ=/TZ= prefix, @hourly... descriptors), one ISO-8601 instant per line."})
public final class TestCronCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--spec", required = true, paramLabel = "SPEC", description = "the cron spec, e.g. \"0 3 * * *\"")
    String cronSpec;

    @Option(names = "--from", paramLabel = "ISO-8601",
            description = "start after this time: 2024-01-01T00:00:00Z, with an offset or [zone], or local"
                    + " (in --zone); default now")
    String from;

    @Option(names = "--count", paramLabel = "N", defaultValue = "10", description = "how many fire times (default 10)")
    int count;

    @Option(names = "--zone", paramLabel = "ZONE",
            description = "evaluate in this zone (tz name, UTC, Local); default: the system zone, like the daemon")
    String zone;

    @Option(names = "--offset", description = "print date-times with the evaluation zone's offset instead of UTC")
    boolean offset;

    @Option(names = "--json", description = "print the fire times as a JSON list of strings")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (count < 1 || count > 100_000) {
            err.println("zrepl-camel test cron: --count must be between 1 and 100000, got " + count);
            return ZreplCamelCli.EXIT_USAGE;
        }
        CronSchedule schedule;
        ZoneId evalZone;
        ZonedDateTime start;
        try {
            schedule = CronSchedule.parse(cronSpec);
            evalZone = zone == null || zone.equals("Local") ? ZoneId.systemDefault() : ZoneId.of(zone);
            start = start(evalZone);
        } catch (IllegalArgumentException e) {
            err.println("zrepl-camel test cron: " + e.getMessage());
            return ZreplCamelCli.EXIT_USAGE;
        } catch (DateTimeException e) {
            err.println("zrepl-camel test cron: --zone \"" + zone + "\": unknown time zone (" + e.getMessage() + ")");
            return ZreplCamelCli.EXIT_USAGE;
        }
        ZonedDateTime t = start;
        List<String> fires = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Optional<ZonedDateTime> next = schedule.next(t);
            if (next.isEmpty()) {
                break;
            }
            t = next.get();
            ZonedDateTime shown = t.withZoneSameInstant(schedule.zone().orElse(evalZone));
            fires.add(offset ? shown.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    : t.toInstant().toString());
        }
        if (json) {
            out.println(Json.pretty(fires));
        } else {
            fires.forEach(out::println);
        }
        out.flush();
        int printed = fires.size();
        if (printed < count) {
            err.println("zrepl-camel test cron: \"" + cronSpec + "\" fires " + (printed == 0 ? "never" : "only "
                    + printed + " times") + " within " + CronSchedule.SEARCH_YEARS + " years of " + start);
        }
        return ZreplCamelCli.EXIT_OK;
    }

    private ZonedDateTime start(ZoneId evalZone) {
        if (from == null) {
            return ZonedDateTime.now(evalZone);
        }
        try {
            return ZonedDateTime.parse(from).withZoneSameInstant(evalZone);
        } catch (DateTimeParseException ignored) {
            // try the other forms
        }
        try {
            return OffsetDateTime.parse(from).atZoneSameInstant(evalZone);
        } catch (DateTimeParseException ignored) {
            // try the other forms
        }
        try {
            return Instant.parse(from).atZone(evalZone);
        } catch (DateTimeParseException ignored) {
            // try the other forms
        }
        try {
            return LocalDateTime.parse(from).atZone(evalZone);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--from \"" + from + "\" is not an ISO-8601 date-time (e.g."
                    + " 2024-01-01T00:00:00Z, 2024-01-01T01:00:00+01:00, 2024-01-01T00:00:00)");
        }
    }
}

package io.zreplcamel.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the CLI in-process and captures its output. */
public record CliRun(int exit, String out, String err) {

    public static CliRun of(String... args) {
        CommandLine cmd = ZreplCamelCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(ZreplCamelCli.zreplWordOrder(args)); // as main does
        return new CliRun(exit, out.toString(), err.toString());
    }

    static final String CONFIG = """
            jobs:
              - name: snapjob
                type: snap
                filesystems: {"tank<": true}
                snapshotting:
                  type: periodic
                  prefix: zrepl_
                  interval: 15m
                pruning:
                  keep:
                    - type: grid
                      grid: 1x1h | 24x1h
                      regex: "^zrepl_"
                    - type: regex
                      regex: "^manual_"
              - name: push
                type: push
                connect: {type: local, listener_name: sink, client_identity: me}
                filesystems: {"tank<": true}
                snapshotting:
                  type: cron
                  prefix: auto-
                  cron: "0 * * * *"
                  timestamp_format: iso-8601
                  timestamp_location: Europe/Berlin
                pruning:
                  keep_sender:
                    - type: not_replicated
                    - type: last_n
                      count: 2
                  keep_receiver:
                    - type: last_n
                      count: 1
              - name: sink
                type: sink
                serve: {type: local, listener_name: sink}
                root_fs: backup
            """;
}

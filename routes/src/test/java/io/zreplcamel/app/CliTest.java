package io.zreplcamel.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.app.cli.ZreplCamelCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliTest {

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        CommandLine cmd = ZreplCamelCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void versionPrintsOurJavaAndCamelVersions() {
        Result r = run("version");
        assertThat(r.exit).isZero();
        assertThat(r.out).contains("zrepl-camel " + BuildInfo.version())
                .contains("java " + System.getProperty("java.version"))
                .contains("camel 4.")
                .containsPattern("(?m)^openzfs .+");
        assertThat(BuildInfo.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void helpListsTheVerbs() {
        Result r = run("help");
        assertThat(r.exit).isZero();
        assertThat(r.out).contains("version").contains("daemon").contains("test");
    }

    @Test
    void unknownVerbIsAUsageErrorWithExit2() {
        Result r = run("frobnicate");
        assertThat(r.exit).isEqualTo(ZreplCamelCli.EXIT_USAGE);
        assertThat(r.err).contains("frobnicate");
    }
}

package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated completion script, run by a real bash: it completes verbs, sub-verbs, options and enum values. */
class GencompletionCommandTest {

    @TempDir
    Path dir;

    private String complete(Path script, String... words) throws Exception {
        String line = String.join(" ", words);
        String bash = "source '" + script + "' 2>/dev/null; COMP_WORDS=(" + quoted(words) + "); COMP_CWORD="
                + (words.length - 1) + "; COMP_LINE='" + line + "'; COMPREPLY=(); _complete_zrepl-camel"
                + " 2>/dev/null; echo \"${COMPREPLY[*]}\"";
        Process p = new ProcessBuilder("bash", "-c", bash).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static String quoted(String[] words) {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            b.append(b.length() == 0 ? "" : " ").append('\'').append(w).append('\'');
        }
        return b.toString();
    }

    @Test
    void aBashScriptThatCompletesVerbsOptionsAndValues() throws Exception {
        Path script = dir.resolve("zrepl-camel.bash");
        CliRun run = CliRun.of("gencompletion", "bash", script.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();

        assertThat(complete(script, "zrepl-camel", "sig")).isEqualTo("signal");
        assertThat(complete(script, "zrepl-camel", "signal", "w")).isEqualTo("wakeup");
        assertThat(complete(script, "zrepl-camel", "status", "--m")).isEqualTo("--mode");
        assertThat(complete(script, "zrepl-camel", "status", "--mode", "")).isEqualTo("dump raw interactive");
        assertThat(complete(script, "zrepl-camel", "gencompletion", "")).isEqualTo("bash zsh");
    }

    @Test
    void zshGetsTheBashScriptBehindItsBashCompatibilityAndStdoutIsTheDefault() {
        CliRun zsh = CliRun.of("gencompletion", "zsh");
        assertThat(zsh.exit()).isZero();
        assertThat(zsh.out()).startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit"
                + " && bashcompinit\n#!/usr/bin/env bash").contains("complete -F _complete_zrepl-camel");
        assertThat(CliRun.of("gencompletion", "fish").exit()).isEqualTo(2);
        CliRun unwritable = CliRun.of("gencompletion", "bash", dir.resolve("no/such/dir/x").toString());
        assertThat(unwritable.exit()).isEqualTo(1);
        assertThat(unwritable.err()).startsWith("zrepl-camel gencompletion: cannot write " + dir.resolve("no"));
    }
}

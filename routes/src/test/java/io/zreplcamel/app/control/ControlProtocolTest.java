package io.zreplcamel.app.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The request and response lines of docs/control.md: what is written, what is read back, what is refused. */
class ControlProtocolTest {

    @Test
    void requestsAreOneLineOfJsonAndReadBack() throws Exception {
        assertThat(ControlRequest.wakeup("backup", false).toLine()).isEqualTo("{\"op\":\"wakeup\",\"job\":\"backup\"}");
        assertThat(ControlRequest.wakeup("my job\n2", true).toLine())
                .isEqualTo("{\"op\":\"wakeup\",\"job\":\"my job\\n2\",\"wait\":true}");
        assertThat(ControlRequest.reset("backup").toLine()).isEqualTo("{\"op\":\"reset\",\"job\":\"backup\"}");
        for (ControlRequest r : new ControlRequest[] {ControlRequest.wakeup("a", true), ControlRequest.wakeup("b c",
                false), ControlRequest.reset("d")}) {
            assertThat(ControlRequest.parse(r.toLine())).isEqualTo(r);
        }
        assertThat(ControlRequest.parse("{\"job\":\"x\",\"op\":\"wakeup\",\"wait\":false}"))
                .isEqualTo(ControlRequest.wakeup("x", false));
    }

    @Test
    void aStatusRequestNamesAJobOrNone() throws Exception {
        assertThat(ControlRequest.status("").toLine()).isEqualTo("{\"op\":\"status\"}");
        assertThat(ControlRequest.status("backup").toLine()).isEqualTo("{\"op\":\"status\",\"job\":\"backup\"}");
        assertThat(ControlRequest.parse("{\"op\":\"status\"}")).isEqualTo(ControlRequest.status(""));
        assertThat(ControlRequest.parse("{\"op\":\"status\",\"job\":\"b\"}")).isEqualTo(ControlRequest.status("b"));
        assertThatThrownBy(() -> ControlRequest.parse("{\"op\":\"status\",\"wait\":true}"))
                .hasMessage("\"wait\" applies to wakeup only");
    }

    @Test
    void aStatusResponseCarriesAnObject() throws Exception {
        ControlResponse r = ControlResponse.status(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"jobs\":{\"a\":{\"state\":\"waiting\"}}}"));
        assertThat(r.toLine()).isEqualTo("{\"ok\":true,\"message\":\"status\",\"status\":{\"jobs\":{\"a\":"
                + "{\"state\":\"waiting\"}}}}");
        assertThat(ControlResponse.parse(r.toLine())).isEqualTo(r);
        assertThatThrownBy(() -> ControlResponse.parse("{\"ok\":true,\"message\":\"x\",\"status\":[1]}"))
                .hasMessage("field \"status\" must be an object");
        // a response may be far longer than a request: a status of thousands of filesystems
        String big = "x".repeat(ControlLines.MAX_LINE_BYTES * 4);
        assertThat(ControlLines.read(in(big + "\n"), ControlLines.MAX_RESPONSE_BYTES)).isEqualTo(big);
    }

    @Test
    void badRequestsSayWhatIsWrong() {
        assertThatThrownBy(() -> ControlRequest.parse("wakeup backup")).isInstanceOf(ControlProtocolException.class)
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> ControlRequest.parse("[1]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> ControlRequest.parse("{\"op\":\"wakeup\"}"))
                .hasMessage("field \"job\" is missing");
        assertThatThrownBy(() -> ControlRequest.parse("{\"op\":\"pprof\",\"job\":\"a\"}"))
                .hasMessage("unknown op \"pprof\" (wakeup, reset, status)");
        assertThatThrownBy(() -> ControlRequest.parse("{\"op\":\"wakeup\",\"job\":1}"))
                .hasMessage("field \"job\" must be a string");
        assertThatThrownBy(() -> ControlRequest.parse("{\"op\":\"wakeup\",\"job\":\"a\",\"wait\":\"yes\"}"))
                .hasMessage("field \"wait\" must be true or false");
        assertThatThrownBy(() -> ControlRequest.parse("{\"op\":\"reset\",\"job\":\"a\",\"wait\":true}"))
                .hasMessage("\"wait\" applies to wakeup only");
        assertThatThrownBy(() -> ControlRequest.parse("{\"op\":\"reset\",\"job\":\"a\",\"Name\":\"a\"}"))
                .hasMessage("unknown field \"Name\"");
    }

    @Test
    void responsesCarryTheWaitedRun() throws Exception {
        ControlResponse plain = ControlResponse.ok("job a: woken up");
        ControlResponse waited = ControlResponse.ok("job a: woken up; the run ended",
                new ControlResponse.Run(true, "invocation finished with errors: 0/1 filesystem(s) replicated"));
        ControlResponse refused = ControlResponse.error("Job nope does not exist");
        assertThat(plain.toLine()).isEqualTo("{\"ok\":true,\"message\":\"job a: woken up\"}");
        assertThat(waited.toLine()).isEqualTo("{\"ok\":true,\"message\":\"job a: woken up; the run ended\","
                + "\"run\":{\"failed\":true,\"summary\":\"invocation finished with errors: 0/1 filesystem(s)"
                + " replicated\"}}");
        for (ControlResponse r : new ControlResponse[] {plain, waited, refused}) {
            assertThat(ControlResponse.parse(r.toLine())).isEqualTo(r);
        }
        assertThat(refused.run()).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> ControlResponse.parse("{\"message\":\"x\"}"))
                .hasMessage("field \"ok\" must be true or false");
        assertThatThrownBy(() -> ControlResponse.parse("{\"ok\":true,\"message\":\"x\",\"run\":{\"summary\":\"s\"}}"))
                .hasMessage("field \"run.failed\" must be true or false");
    }

    @Test
    void linesEndAtANewlineAndAreBounded() throws Exception {
        assertThat(ControlLines.read(in("{}\nrest"))).isEqualTo("{}");
        assertThat(ControlLines.read(in(""))).isNull();
        assertThatThrownBy(() -> ControlLines.read(in("{}"))).hasMessage("the line ended without a newline");
        assertThatThrownBy(() -> ControlLines.read(in("x".repeat(ControlLines.MAX_LINE_BYTES + 1) + "\n")))
                .hasMessage("line longer than 65536 bytes");
        assertThat(ControlLines.read(in("{\"job\":\"h\u00e9\"}\n"))).isEqualTo("{\"job\":\"h\u00e9\"}");
    }

    private static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}

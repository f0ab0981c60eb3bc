package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.zreplcamel.transport.data.EventLoops;
import io.zreplcamel.transport.ssh.StdinserverListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code zrepl-camel stdinserver}: a missing socket (no daemon, identity not served) is exit 1 with a message on
 * stderr and nothing on stdout; an identity that is not one name component is refused before it is used in a path;
 * with a daemon socket the session's bytes are relayed both ways.
 */
@Timeout(60)
class StdinserverCommandTest {

    @TempDir
    Path dir;

    Path config(Path sockdir) throws Exception {
        return Files.writeString(dir.resolve("zrepl.yml"), "global:\n  serve:\n    stdinserver:\n      sockdir: \""
                + sockdir + "\"\njobs: []\n");
    }

    @Test
    void aMissingSocketIsExitOneWithAMessageAndNothingOnStdout() throws Exception {
        Path sockdir = Files.createDirectory(dir.resolve("sockdir"));
        CliRun run = CliRun.of("stdinserver", "--config", config(sockdir).toString(), "alice");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("zrepl-camel stdinserver: no socket " + sockdir.resolve("alice")
                + ": the zrepl-camel daemon is not running, or none of its stdinserver serves lists this client"
                + " identity (client_identities), or its global.serve.stdinserver.sockdir is another directory\n");
    }

    @Test
    void anIdentityThatIsNotOneNameComponentIsRefused() throws Exception {
        Path sockdir = Files.createDirectory(dir.resolve("sockdir"));
        for (String bad : List.of("../control", "a/b", "..", "alice@home", "")) {
            CliRun run = CliRun.of("stdinserver", "--config", config(sockdir).toString(), bad);

            assertThat(run.exit()).as(bad).isEqualTo(2);
            assertThat(run.err()).as(bad).startsWith("zrepl-camel stdinserver: client identity \"" + bad + "\" ");
        }
    }

    @Test
    void aConfigWithErrorsIsExitTwo() throws Exception {
        Path file = Files.writeString(dir.resolve("zrepl.yml"), "global: {serve: {stdinserver: {sockdir: 7, x: 1}}}\n");
        CliRun run = CliRun.of("stdinserver", "--config", file.toString(), "alice");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("zrepl-camel stdinserver: the config has errors:\n");
    }

    @Test
    void relaysTheSessionToTheDaemonsSocketOfTheIdentity() throws Exception {
        Path sockdir = dir.resolve("sockdir");
        StringBuilder seen = new StringBuilder();
        try (EventLoops loops = EventLoops.create(1)) {
            StdinserverListener listener = new StdinserverListener(loops, sockdir, List.of("alice"));
            // the "daemon": answers each line it gets with the identity and the line upper-cased, closes on "bye"
            listener.start((ch, identity) -> ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    String text = ((ByteBuf) msg).toString(StandardCharsets.UTF_8);
                    ((ByteBuf) msg).release();
                    seen.append(text);
                    ctx.writeAndFlush(ctx.alloc().buffer().writeBytes((identity + ":" + text.toUpperCase())
                            .getBytes(StandardCharsets.UTF_8)));
                    if (seen.toString().contains("bye")) {
                        ctx.close();
                    }
                }
            }));
            try {
                CommandLine cmd = ZreplCamelCli.commandLine();
                StringWriter err = new StringWriter();
                cmd.setErr(new PrintWriter(err, true));
                StdinserverCommand verb = cmd.getSubcommands().get("stdinserver").getCommand();
                ByteArrayOutputStream stdout = new ByteArrayOutputStream();
                verb.stdin = new ByteArrayInputStream("hello bye".getBytes(StandardCharsets.UTF_8));
                verb.stdout = stdout;

                int exit = cmd.execute("stdinserver", "--config", config(sockdir).toString(), "alice");

                assertThat(err.toString()).isEmpty();
                assertThat(exit).isZero();
                assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("alice:HELLO BYE");
            } finally {
                listener.close();
            }
        }
    }
}

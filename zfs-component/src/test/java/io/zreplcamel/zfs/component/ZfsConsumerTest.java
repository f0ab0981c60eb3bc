package io.zreplcamel.zfs.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.zfs.FakeZfs;
import io.zreplcamel.zfs.model.DatasetEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The snapshots consumer emits each snapshot once, by guid, and only new ones unless emitExisting. */
@Timeout(60)
class ZfsConsumerTest extends CamelTestSupport {

    static final Path DIR;
    static final Path ZFS;

    static {
        try {
            DIR = Files.createTempDirectory("zfs-consumer-test");
            ZFS = FakeZfs.script(DIR, "zfs", "[ \"$1\" = list ] && cat '" + DIR + "/snapshots'; echo \"$*\" >> '"
                    + DIR + "/calls'; exit 0");
            Files.writeString(DIR.resolve("snapshots"), line("p/f@a", 1, 10));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static String line(String name, long guid, long txg) {
        return name + "\tsnapshot\t" + guid + "\t" + txg + "\t1767225600\t0\n";
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("zfs:snapshots?dataset=p/f&delay=100&zfsCommand=" + ZFS).to("mock:new");
                from("zfs:snapshots?dataset=p/f&emitExisting=true&delay=100&zfsCommand=" + ZFS).to("mock:all");
            }
        };
    }

    @Test
    void emitsOnlyNewSnapshotsOnceEach() throws Exception {
        MockEndpoint fresh = getMockEndpoint("mock:new");
        MockEndpoint all = getMockEndpoint("mock:all");
        all.expectedMinimumMessageCount(1);
        all.assertIsSatisfied(5000);
        assertThat(all.getExchanges().get(0).getMessage().getBody(DatasetEntry.class).name()).isEqualTo("p/f@a");

        fresh.expectedMessageCount(2);
        Files.writeString(DIR.resolve("snapshots"), line("p/f@a", 1, 10) + line("p/f@b", 2, 11) + line("p/f@c", 3, 12));
        fresh.assertIsSatisfied(5000);
        Thread.sleep(500); // more polls: nothing is emitted twice
        assertThat(fresh.getReceivedCounter()).isEqualTo(2);
        assertThat(fresh.getExchanges()).extracting(e -> e.getMessage().getHeader(ZfsConstants.SNAPSHOT))
                .containsExactly("p/f@b", "p/f@c");
        assertThat(fresh.getExchanges().get(0).getMessage().getHeader(ZfsConstants.GUID)).isEqualTo("2");
        assertThat(fresh.getExchanges().get(1).getMessage().getHeader(ZfsConstants.CREATE_TXG)).isEqualTo(12L);
        assertThat(all.getReceivedCounter()).isEqualTo(3);
        // one scoped list per poll, depth 1 on the watched dataset
        assertThat(Files.readAllLines(DIR.resolve("calls")).get(0))
                .isEqualTo("list -H -p -o name,type,guid,createtxg,creation,userrefs -t snapshot -d 1 -s createtxg -- p/f");
    }
}

package io.zreplcamel.processors.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class BoundedOutputTest {

    /** However the bytes arrive, the buffer holds exactly the last `capacity` of them. */
    @Property(tries = 10_000)
    void keepsTheTail(@ForAll @Size(max = 20) java.util.List<@net.jqwik.api.constraints.StringLength(max = 40) String> chunks,
                      @ForAll @IntRange(min = 1, max = 50) int capacity) {
        BoundedOutput out = new BoundedOutput(capacity);
        StringBuilder all = new StringBuilder();
        for (String c : chunks) {
            String ascii = c.replaceAll("[^\\x20-\\x7e]", "x");
            byte[] b = ascii.getBytes(StandardCharsets.US_ASCII);
            out.write(b, 0, b.length);
            all.append(ascii);
        }
        String expected = all.length() <= capacity ? all.toString() : all.substring(all.length() - capacity);
        assertThat(out.text()).isEqualTo(expected);
        assertThat(out.totalWritten()).isEqualTo(all.length());
    }
}

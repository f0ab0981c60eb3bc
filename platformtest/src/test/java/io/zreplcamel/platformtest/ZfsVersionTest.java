package io.zreplcamel.platformtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/** Records which OpenZFS the platform tests ran against (user land and kernel module). */
@PlatformTest
class ZfsVersionTest {

    private static final Pattern VERSION = Pattern.compile("zfs(-kmod)?-(\\d+)\\.(\\d+)\\.(\\d+)\\S*");

    @Test
    void userlandAndKernelModuleAreOpenZfs2(TestReporter reporter) {
        List<String> lines = Sh.run("zfs", "version").lines();
        reporter.publishEntry("zfs-version", String.join(" / ", lines));
        System.out.println("OpenZFS: " + String.join(" / ", lines));

        assertThat(lines).as("zfs version output").hasSize(2);
        Matcher user = VERSION.matcher(lines.get(0));
        Matcher kmod = VERSION.matcher(lines.get(1));
        assertThat(user.matches()).as("user land version line %s", lines.get(0)).isTrue();
        assertThat(kmod.matches()).as("kernel module version line %s", lines.get(1)).isTrue();
        assertThat(kmod.group(1)).isEqualTo("-kmod");
        assertThat(Integer.parseInt(user.group(2))).as("OpenZFS major version").isGreaterThanOrEqualTo(2);
        // user land and module must agree on major.minor, or ioctls may not match
        assertThat(kmod.group(2) + "." + kmod.group(3)).isEqualTo(user.group(2) + "." + user.group(3));
    }
}

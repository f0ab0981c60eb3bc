package io.zreplcamel.platformtest.snap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that run the daemon in this JVM: each test gets a fresh {@link DaemonWorkDir} in {@link #work}
 * (hook scripts, config, control socket), deleted after it.
 */
public abstract class WithDaemonWorkDir {

    protected Path work;

    @BeforeEach
    void createWorkDir() throws IOException {
        work = DaemonWorkDir.create(getClass().getSimpleName().toLowerCase(Locale.ROOT) + "-");
    }

    @AfterEach
    void deleteWorkDir() throws IOException {
        DaemonWorkDir.delete(work);
    }
}

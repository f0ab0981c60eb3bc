package io.zreplcamel.platformtest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs real ZFS: tags it {@code platform} and registers
 * {@link ZfsPoolExtension}, so test methods can take {@link TestPool} / {@link TestPools} parameters.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("platform")
@ExtendWith(ZfsPoolExtension.class)
public @interface PlatformTest {
}

package io.zreplcamel.platformtest;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test its own throw-away pools and destroys them after the test, whether it passed or
 * failed. Resolves parameters of test and {@code @BeforeEach} methods:
 * <ul>
 *   <li>{@link TestPool}: a fresh pool on one sparse file; two such parameters are two pools;</li>
 *   <li>{@link TestPools}: the factory, for pools with other layouts or created later.</li>
 * </ul>
 * Use it through {@link PlatformTest}.
 */
public final class ZfsPoolExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ZfsPoolExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        Class<?> type = pc.getParameter().getType();
        return (type == TestPool.class || type == TestPools.class) && ec.getTestMethod().isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        TestPools pools = pools(ec);
        if (pc.getParameter().getType() == TestPools.class) {
            return pools;
        }
        try {
            return pools.create();
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot create test pool: " + e.getMessage(), e);
        }
    }

    @Override
    public void afterEach(ExtensionContext ec) {
        TestPools pools = ec.getStore(NS).remove(TestPools.class, TestPools.class);
        if (pools != null) {
            pools.close();
        }
    }

    private static TestPools pools(ExtensionContext ec) {
        String label = ec.getRequiredTestMethod().getName();
        return ec.getStore(NS).getOrComputeIfAbsent(TestPools.class, k -> new TestPools(label), TestPools.class);
    }
}

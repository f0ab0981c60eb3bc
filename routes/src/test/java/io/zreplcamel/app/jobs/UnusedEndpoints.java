package io.zreplcamel.app.jobs;

import io.zreplcamel.config.model.PullJob;
import io.zreplcamel.config.model.PushJob;
import io.zreplcamel.config.model.SinkJob;
import io.zreplcamel.config.model.SourceJob;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import java.lang.reflect.Proxy;

/**
 * Endpoints for route tests whose recording invocation stands in for the engine: every call on them fails, naming
 * the method, so a test that reaches a real endpoint by mistake says so.
 */
public final class UnusedEndpoints implements JobEndpoints {

    public static final UnusedEndpoints INSTANCE = new UnusedEndpoints();

    private UnusedEndpoints() {
    }

    static <T> T unused(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            throw new UnsupportedOperationException(m.getName() + ": the recording invocation does not call it");
        }));
    }

    @Override
    public Sender pushSender(PushJob job) {
        return unused(Sender.class);
    }

    @Override
    public Sender sourceSender(SourceJob job) {
        return unused(Sender.class);
    }

    @Override
    public Receiver pullReceiver(PullJob job) {
        return unused(Receiver.class);
    }

    @Override
    public Receiver sinkReceiver(SinkJob job, String clientIdentity) {
        return unused(Receiver.class);
    }
}

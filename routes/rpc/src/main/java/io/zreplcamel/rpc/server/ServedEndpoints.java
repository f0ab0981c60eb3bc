package io.zreplcamel.rpc.server;

import io.zreplcamel.processors.endpoint.Endpoint;

/**
 * What a serving job offers each authenticated client: a sink's receiver confined to {@code root_fs/<identity>}, a
 * source's sender confined to its filter. The daemon's implementation routes every call through the job's Camel
 * serve route, as the local transport does.
 */
@FunctionalInterface
public interface ServedEndpoints {

    Endpoint endpointFor(String clientIdentity);
}

package io.zreplcamel.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.app.daemon.ZreplDaemon;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/** The routes shipped in the jar load from YAML, start, and are driven by Quartz. */
class BundledRoutesTest extends CamelTestSupport {

    @Override
    protected void doPostSetup() throws Exception {
        var resources = PluginHelper.getResourceLoader(context);
        var loader = PluginHelper.getRoutesLoader(context);
        loader.loadRoutes(resources.resolveResource("classpath:zrepl-routes/heartbeat.yaml"));
    }

    @Test
    void heartbeatRouteIsAStartedQuartzRoute() {
        Route route = context.getRoute("zrepl-heartbeat");
        assertThat(route).as("route zrepl-heartbeat loaded from " + ZreplDaemon.BUNDLED_ROUTES).isNotNull();
        assertThat(context.getRouteController().getRouteStatus("zrepl-heartbeat")).isEqualTo(ServiceStatus.Started);
        assertThat(route.getEndpoint()).isInstanceOf(QuartzEndpoint.class);
        assertThat(((QuartzEndpoint) route.getEndpoint()).getCron()).isEqualTo("0 * * * * ?");
    }
}

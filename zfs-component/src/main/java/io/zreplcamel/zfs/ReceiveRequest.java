package io.zreplcamel.zfs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to receive: into {@code target} ({@code fs} or {@code fs@snap}), with {@code -s} (keep partial state for a
 * resume), {@code -u} (do not mount), {@code -F} (roll back / destroy on the receiver: only when explicitly asked),
 * {@code -o prop=value} overrides and {@code -x prop} exclusions.
 *
 * @param timeout    null or zero for none (a receive runs as long as its stream)
 * @param directPipe let zfs receive read an untouched local send stream's pipe directly (default true)
 */
public record ReceiveRequest(String target, boolean resumable, boolean noMount, boolean force,
        Map<String, String> overrideProperties, List<String> excludeProperties, Duration timeout,
        boolean directPipe) {

    public ReceiveRequest {
        overrideProperties = overrideProperties == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrideProperties));
        excludeProperties = excludeProperties == null ? List.of() : List.copyOf(excludeProperties);
    }

    public static ReceiveRequest into(String target) {
        return new ReceiveRequest(target, false, false, false, Map.of(), List.of(), null, true);
    }

    public ReceiveRequest withResumable(boolean v) {
        return new ReceiveRequest(target, v, noMount, force, overrideProperties, excludeProperties, timeout,
                directPipe);
    }

    public ReceiveRequest withNoMount(boolean v) {
        return new ReceiveRequest(target, resumable, v, force, overrideProperties, excludeProperties, timeout,
                directPipe);
    }

    public ReceiveRequest withForce(boolean v) {
        return new ReceiveRequest(target, resumable, noMount, v, overrideProperties, excludeProperties, timeout,
                directPipe);
    }

    public ReceiveRequest withOverrideProperties(Map<String, String> props) {
        return new ReceiveRequest(target, resumable, noMount, force, props, excludeProperties, timeout, directPipe);
    }

    public ReceiveRequest withExcludeProperties(List<String> props) {
        return new ReceiveRequest(target, resumable, noMount, force, overrideProperties, props, timeout, directPipe);
    }

    public ReceiveRequest withTimeout(Duration t) {
        return new ReceiveRequest(target, resumable, noMount, force, overrideProperties, excludeProperties, t,
                directPipe);
    }

    public ReceiveRequest withDirectPipe(boolean v) {
        return new ReceiveRequest(target, resumable, noMount, force, overrideProperties, excludeProperties, timeout,
                v);
    }

    List<String> args() {
        List<String> a = new ArrayList<>();
        a.add("receive");
        if (resumable) {
            a.add("-s");
        }
        if (noMount) {
            a.add("-u");
        }
        if (force) {
            a.add("-F");
        }
        overrideProperties.forEach((k, v) -> {
            a.add("-o");
            a.add(k + "=" + v);
        });
        for (String x : excludeProperties) {
            a.add("-x");
            a.add(x);
        }
        a.add("--");
        a.add(target);
        return a;
    }
}

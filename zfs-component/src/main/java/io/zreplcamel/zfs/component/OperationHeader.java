package io.zreplcamel.zfs.component;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which operation an exchange runs: the endpoint's, or the one the {@link ZfsConstants#OPERATION} header selects.
 * A header can only ever make an endpoint do less harm: it may select a non-destructive operation (on any
 * endpoint), or repeat the endpoint's own operation, but never select a destructive one
 * ({@link ZfsOperation#isDestructive}). A message comes from anywhere in a route (a consumer, another system over a
 * bus); what an endpoint may destroy must be decided where the route is written, in its URI.
 */
final class OperationHeader {

    private OperationHeader() {
    }

    /**
     * @throws DestructiveHeaderException when the header asks for a destructive operation the URI does not name;
     *                                    nothing has run then
     */
    static ZfsOperation select(ZfsOperation endpointOperation, String header, ZfsConfiguration options) {
        if (header == null) {
            return endpointOperation;
        }
        ZfsOperation requested = ZfsOperation.fromUri(header);
        if (requested == endpointOperation) {
            return endpointOperation;
        }
        if (requested.isDestructive(options)) {
            throw new DestructiveHeaderException("header " + ZfsConstants.OPERATION + "=" + header
                    + " asks endpoint zfs:" + endpointOperation.uriName() + " for the destructive operation "
                    + requested.uriName() + "; destructive operations (" + destructiveNames(options)
                    + ") come from the endpoint URI only, never from a header. Nothing was run.");
        }
        return requested;
    }

    private static String destructiveNames(ZfsConfiguration options) {
        String names = Arrays.stream(ZfsOperation.values()).filter(op -> op != ZfsOperation.RECV)
                .filter(op -> op.isDestructive(options)).map(ZfsOperation::uriName)
                .collect(Collectors.joining(", "));
        return names + ", recv with force";
    }
}

package dev.kfsck.testdata.broker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds a combined-mode node's {@code server.properties}: the per-run part (ids, listeners, voters, log dir) from
 * {@link NodeSpec}s, plus a tuning map that the fixture's manifest keeps so that a restart uses the same settings.
 */
public final class ServerProperties {

    private ServerProperties() {
    }

    /** Keys that {@link #build} derives from the node specs; they are never part of a tuning map. */
    public static final List<String> DERIVED_KEYS = List.of("process.roles", "node.id", "listeners",
            "advertised.listeners", "controller.listener.names", "listener.security.protocol.map",
            "inter.broker.listener.name", "log.dirs", "controller.quorum.voters", "controller.quorum.bootstrap.servers");

    public static Map<String, String> build(NodeSpec node, List<NodeSpec> all, QuorumMode mode, Map<String, String> tuning) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(node.nodeId()));
        p.put("listeners", "PLAINTEXT://" + node.brokerEndpoint() + ",CONTROLLER://" + node.controllerEndpoint());
        p.put("advertised.listeners", "PLAINTEXT://" + node.brokerEndpoint());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", node.logDir().toAbsolutePath().toString());
        if (mode == QuorumMode.STATIC) {
            p.put("controller.quorum.voters", all.stream()
                    .map(n -> n.nodeId() + "@" + n.controllerEndpoint()).collect(Collectors.joining(",")));
        } else {
            p.put("controller.quorum.bootstrap.servers", all.stream()
                    .map(NodeSpec::controllerEndpoint).collect(Collectors.joining(",")));
        }
        p.putAll(tuning);
        return p;
    }

    public static String render(Map<String, String> props) {
        StringBuilder sb = new StringBuilder();
        props.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }
}

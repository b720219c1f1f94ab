package dev.kfsck.testdata.broker;

import java.nio.file.Path;

/** One combined-mode node (broker and controller): its id, its two ports on 127.0.0.1 and its single log dir. */
public record NodeSpec(int nodeId, int brokerPort, int controllerPort, Path logDir) {

    public String controllerEndpoint() {
        return "127.0.0.1:" + controllerPort;
    }

    public String brokerEndpoint() {
        return "127.0.0.1:" + brokerPort;
    }
}

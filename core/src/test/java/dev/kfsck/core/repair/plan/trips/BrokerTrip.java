package dev.kfsck.core.repair.plan.trips;

import dev.kfsck.core.repair.plan.LossPolicy;
import java.util.List;

/**
 * Several damages done to one fresh copy of a fixture, one repair of all its nodes' dirs, one start of its real
 * brokers. Cases in one trip damage different files (on one node or several), so that each repair is independent
 * of the others.
 *
 * @param name    shown in the test name
 * @param fixture the scenario under {@code testdata/fixtures}
 * @param policy  the loss policy of the repair
 * @param cases   the codes proven by this trip
 */
record BrokerTrip(String name, String fixture, LossPolicy policy, List<CodeCase> cases) {

    static BrokerTrip of(String name, String fixture, CodeCase... cases) {
        return new BrokerTrip(name, fixture, LossPolicy.NONE, List.of(cases));
    }

    static BrokerTrip losing(String name, String fixture, LossPolicy policy, CodeCase... cases) {
        return new BrokerTrip(name, fixture, policy, List.of(cases));
    }

    @Override
    public String toString() {
        return name + " (" + fixture + ", " + cases.stream().map(CodeCase::code).toList() + ")";
    }
}

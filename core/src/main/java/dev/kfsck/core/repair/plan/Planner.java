package dev.kfsck.core.repair.plan;

import java.io.IOException;

/** One family of repairs: reads the report (and, where needed, the evidence itself) and adds steps. */
interface Planner {

    void plan(PlanContext ctx) throws IOException;
}

/**
 * Repair planning: from a check's findings to a {@link dev.kfsck.core.repair.RepairPlan} whose every written value
 * names the evidence it came from ({@link dev.kfsck.core.repair.plan.RepairPlanner}), and the whole repair with its
 * check afterwards ({@link dev.kfsck.core.repair.plan.ApplyAndVerify}).
 *
 * <p><b>Loss.</b> Repairs that give up records (cutting a damaged segment) need a {@link dev.kfsck.core.repair.plan.LossPolicy};
 * without one they are listed as not repaired with what truncation and excision would each cost, and the files whose
 * change would make Kafka cut by itself are held. Every step that costs records states, per partition, the offsets and
 * the record count before anything is written.
 *
 * <p><b>Outside folder</b> ({@link dev.kfsck.core.repair.plan.RepairOptions#outsideDir()}), never inside a log dir:
 * <pre>
 *   &lt;outside&gt;/moved-out/&lt;parent&gt;-&lt;log dir&gt;/&lt;relative path&gt;   files moved out whole (segments after a cut, a damaged snapshot)
 *   &lt;outside&gt;/salvage/&lt;parent&gt;-&lt;log dir&gt;/&lt;partition&gt;/&lt;segment&gt;.log   valid batches found beyond a cut
 * </pre>
 */
package dev.kfsck.core.repair.plan;

/**
 * Repair: plans of file changes, their safe execution, and undo.
 *
 * <p><b>Model.</b> A {@link dev.kfsck.core.repair.RepairPlan} is a list of steps, each one
 * {@link dev.kfsck.core.repair.RepairAction} (write a file's bytes, delete a file, move it out of the log dir, cut it to
 * a length) with a description, records-lost statements, and the findings it resolves; plus the findings left alone,
 * each with the reason no safe value exists. Every action carries a {@link dev.kfsck.core.repair.Provenance}: the
 * reason, and each written value next to the evidence on disk it came from. Actions are bytes in, bytes out: the
 * planners (per file kind) produce the bytes with the format writers; this package never parses anything.
 *
 * <p><b>Execution</b> ({@link dev.kfsck.core.repair.RepairExecutor}): check everything first and refuse without
 * changing anything; hold every log dir's {@code .lock}; back every file up outside the log dirs and journal its
 * SHA-256 before and (precomputed) after; fsync the journal; change files only through
 * {@link dev.kfsck.core.io.SafeWriter}; read each result back; roll back from the backups on failure.
 *
 * <p><b>Backup folder layout.</b>
 * <pre>
 *   &lt;backupDir&gt;/kfsck-journal.json                  the journal (JSON, {@link dev.kfsck.core.repair.Journal})
 *   &lt;backupDir&gt;/files/&lt;n&gt;-&lt;logdir name&gt;/&lt;relative path&gt;   the files as found (n = index of the log dir)
 *   &lt;backupDir&gt;/folders/&lt;n&gt;-&lt;logdir name&gt;/&lt;folder&gt;.tree  listing of a folder moved out (its SHA-256 is the tree digest)
 *   &lt;backupDir&gt;/displaced/&lt;entry&gt;/&lt;relative path&gt;     versions a forced undo overwrote
 * </pre>
 *
 * <p><b>Undo</b> ({@link dev.kfsck.core.repair.Undo}) needs only the backup folder: it compares every file with the
 * journal, refuses if one changed since the repair (unless forced), and restores byte for byte, with owner, group
 * and mode. A folder moved out is not copied: undo moves it back after checking that its tree digest is unchanged
 * (forced: moves it back as it is). Since the "after" hashes are computed before the first change, a journal left by a crash in the middle
 * still tells for every file whether the action had happened.
 */
package dev.kfsck.core.repair;

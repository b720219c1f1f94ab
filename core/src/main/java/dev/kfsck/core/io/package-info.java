/**
 * Byte-level input and output. Reading: {@link dev.kfsck.core.io.BoundedRead} (never trusts a length),
 * {@link dev.kfsck.core.io.ZeroRuns}. Writing: {@link dev.kfsck.core.io.SafeWriter} (temporary file, fsync, atomic
 * rename, fsync of the folder; owner, group and mode kept). Locking: {@link dev.kfsck.core.io.LockProbe} tells whether
 * a broker holds a log dir's {@code .lock} and holds it during a repair.
 */
package dev.kfsck.core.io;

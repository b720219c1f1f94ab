package dev.kfsck.cli.dump;

/**
 * What the user asked of a dump.
 *
 * @param records decode the records inside segment batches, not only the batch headers
 */
public record DumpOptions(boolean records) {
}

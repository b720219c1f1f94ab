package dev.kfsck.core.format.metadata;

/**
 * One record batch of a snapshot, bootstrap file or metadata log segment, as found on disk.
 *
 * @param position             byte position of the batch in its file
 * @param sizeInBytes          total size, {@code 12 + batchLength}
 * @param baseOffset           first offset (snapshots and bootstrap files count from 0)
 * @param lastOffset           {@code baseOffset + lastOffsetDelta}
 * @param partitionLeaderEpoch raft epoch (snapshot epoch in a snapshot)
 * @param control              the control attribute bit
 * @param crcValid             whether the stored CRC-32C matches the content
 * @param declaredRecords      the record count in the header
 * @param decodedRecords       how many records were decoded (0 when not decoded)
 */
public record BatchInfo(long position, int sizeInBytes, long baseOffset, long lastOffset, int partitionLeaderEpoch,
                        boolean control, boolean crcValid, int declaredRecords, int decodedRecords) {

    BatchInfo withDecoded(int n) {
        return new BatchInfo(position, sizeInBytes, baseOffset, lastOffset, partitionLeaderEpoch, control, crcValid,
                declaredRecords, n);
    }
}

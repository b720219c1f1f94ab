package dev.kfsck.core.analysis;

import java.nio.file.Path;

/**
 * The files of one segment of a partition, by base offset. A file that does not exist is null.
 */
public record SegmentFiles(long baseOffset, Path log, Path index, Path timeIndex, Path txnIndex) {

    SegmentFiles with(String suffix, Path file) {
        return switch (suffix) {
            case ".log" -> new SegmentFiles(baseOffset, file, index, timeIndex, txnIndex);
            case ".index" -> new SegmentFiles(baseOffset, log, file, timeIndex, txnIndex);
            case ".timeindex" -> new SegmentFiles(baseOffset, log, index, file, txnIndex);
            case ".txnindex" -> new SegmentFiles(baseOffset, log, index, timeIndex, file);
            default -> throw new IllegalArgumentException(suffix);
        };
    }
}

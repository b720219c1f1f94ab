package dev.kfsck.core.format.metadata;

/** A controller registration of the metadata image ({@code RegisterControllerRecord}). */
public record ControllerEntry(int id, String incarnationId) {
}

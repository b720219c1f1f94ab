package dev.kfsck.core.finding;

/** How bad a finding is. ERROR: Kafka fails or loses data. WARN: suspicious, Kafka copes. INFO: worth knowing. */
public enum Severity {
    ERROR, WARN, INFO
}

package dev.kfsck.core.finding;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every finding code kfsck knows, collected from the code holders of each package. The documentation's catalog
 * is generated from this list, and a test fails when the page is stale.
 */
public final class FindingCatalog {

    /** The classes that declare finding codes as {@code public static final FindingCode} constants. */
    private static final List<String> HOLDERS = List.of(
            "dev.kfsck.core.format.properties.PropertiesCodes",
            "dev.kfsck.core.format.quorum.QuorumCodes",
            "dev.kfsck.core.format.checkpoint.CheckpointCodes",
            "dev.kfsck.core.format.segment.SegmentCodes",
            "dev.kfsck.core.format.segment.IndexCodes",
            "dev.kfsck.core.format.segment.ProducerSnapshotCodes",
            "dev.kfsck.core.format.metadata.MetadataCodes",
            "dev.kfsck.core.analysis.LayoutCodes",
            "dev.kfsck.core.analysis.CrossFileCodes",
            "dev.kfsck.core.analysis.PartitionCodes",
            "dev.kfsck.core.analysis.cluster.ClusterCodes");

    private static final List<FindingCode> ALL = collect();

    private FindingCatalog() {
    }

    /** All codes, in holder order and declaration order within a holder. */
    public static List<FindingCode> all() {
        return ALL;
    }

    public static FindingCode byId(String id) {
        for (FindingCode c : ALL) {
            if (c.id().equals(id)) return c;
        }
        throw new IllegalArgumentException("unknown finding code: " + id);
    }

    /** The holder class's simple name for each code, used to group the catalog by file format. */
    public static Map<FindingCode, String> holderOf() {
        Map<FindingCode, String> m = new HashMap<>();
        for (String holder : HOLDERS) {
            for (FindingCode c : codesOf(holder)) m.put(c, holder.substring(holder.lastIndexOf('.') + 1));
        }
        return m;
    }

    private static List<FindingCode> collect() {
        List<FindingCode> codes = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (String holder : HOLDERS) {
            for (FindingCode c : codesOf(holder)) {
                String previous = seen.put(c.id(), holder);
                if (previous != null) {
                    throw new IllegalStateException("finding code " + c.id() + " declared twice: " + previous + ", " + holder);
                }
                codes.add(c);
            }
        }
        return Collections.unmodifiableList(codes);
    }

    private static List<FindingCode> codesOf(String holder) {
        try {
            List<FindingCode> codes = new ArrayList<>();
            for (Field f : Class.forName(holder).getFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == FindingCode.class) {
                    codes.add((FindingCode) f.get(null));
                }
            }
            return codes;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read finding codes of " + holder, e);
        }
    }
}

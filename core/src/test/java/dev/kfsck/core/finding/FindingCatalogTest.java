package dev.kfsck.core.finding;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

class FindingCatalogTest {

    @Test
    void idsAreUniqueAndWellFormed() {
        Set<String> ids = new HashSet<>();
        for (FindingCode c : FindingCatalog.all()) {
            assertTrue(ids.add(c.id()), "duplicate " + c.id());
            assertTrue(!c.title().isBlank() && !c.repair().isBlank(), c.id() + " needs a title and a repair");
        }
    }
}

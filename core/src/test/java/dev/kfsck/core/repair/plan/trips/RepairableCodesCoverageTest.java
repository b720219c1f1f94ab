package dev.kfsck.core.repair.plan.trips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.finding.FindingCatalog;
import dev.kfsck.core.finding.FindingCode;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every code of the catalog is accounted for exactly once: proven repairable by a real-broker trip of
 * {@link RepairableCodeBrokerTest}, proven by a named multi-node broker test, or left unrepaired with a reason. A new
 * code fails this test until somebody decides which.
 */
class RepairableCodesCoverageTest {

    @Test
    void everyCatalogCodeIsProvenRepairedOrLeftAloneWithAReason() {
        Map<String, List<String>> claims = new TreeMap<>();
        for (CodeFamily f : CodeFamilies.all()) {
            String name = f.getClass().getSimpleName();
            f.trips().forEach(t -> t.cases().forEach(c -> claims.computeIfAbsent(c.code(), k -> new ArrayList<>()).add(name + " trip " + t.name())));
            f.notRepaired().keySet().forEach(c -> claims.computeIfAbsent(c, k -> new ArrayList<>()).add(name + " not repaired"));
            f.provenElsewhere().keySet().forEach(c -> claims.computeIfAbsent(c, k -> new ArrayList<>()).add(name + " elsewhere"));
        }
        Set<String> catalog = FindingCatalog.all().stream().map(FindingCode::id).collect(Collectors.toCollection(TreeSet::new));

        Set<String> unknown = new TreeSet<>(claims.keySet());
        unknown.removeAll(catalog);
        assertTrue(unknown.isEmpty(), "codes not in the catalog: " + unknown);
        Set<String> missing = new TreeSet<>(catalog);
        missing.removeAll(claims.keySet());
        assertTrue(missing.isEmpty(), missing.size() + " catalog codes are in no family: " + missing);
        Map<String, List<String>> twice = new TreeMap<>(claims);
        twice.values().removeIf(l -> l.stream().map(s -> s.replaceAll(" trip .*", " trip")).distinct().count() == 1);
        assertTrue(twice.isEmpty(), "codes claimed more than once: " + twice);
    }

    @Test
    void codesLeftAloneDoNotPromiseARepairInTheCatalog() {
        for (CodeFamily f : CodeFamilies.all()) {
            for (var e : f.notRepaired().entrySet()) {
                assertFalse(e.getValue().isBlank(), e.getKey() + " needs a reason");
                FindingCode code = FindingCatalog.byId(e.getKey());
                assertFalse(code.repair().contains("(kfsck repair"),
                        e.getKey() + " is left alone, but the catalog says kfsck repairs it: " + code.repair());
            }
        }
    }

    /** A "proven elsewhere" entry names a test method that exists and says, with {@link ProvesRepairOf}, that it proves the code. */
    @Test
    void codesProvenElsewhereNameATestThatClaimsThem() throws Exception {
        for (CodeFamily f : CodeFamilies.all()) {
            for (var e : f.provenElsewhere().entrySet()) {
                String[] parts = e.getValue().split("#");
                assertEquals(2, parts.length, e.getKey() + ": Class#method, not " + e.getValue());
                Class<?> test = Class.forName(parts[0]);
                Method method = Arrays.stream(test.getDeclaredMethods()).filter(m -> m.getName().equals(parts[1]))
                        .findFirst().orElseThrow(() -> new AssertionError(e.getKey() + ": no method " + e.getValue()));
                ProvesRepairOf claim = method.getAnnotation(ProvesRepairOf.class);
                assertTrue(claim != null && Arrays.asList(claim.value()).contains(e.getKey()),
                        e.getKey() + ": " + e.getValue() + " does not claim it with @ProvesRepairOf");
            }
        }
    }
}

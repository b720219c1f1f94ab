package dev.kfsck.cli.docs;

import dev.kfsck.core.finding.FindingCatalog;
import dev.kfsck.core.finding.FindingCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The committed catalog pages match what {@link CatalogPages} generates from the code. With
 * {@code -Dkfsck.regenerate=true} the test rewrites them instead.
 */
class CatalogPagesTest {

    static final Path MARKDOWN = Path.of("..", "src", "site", "markdown");

    @Test
    void committedPagesAreUpToDate() throws Exception {
        boolean regenerate = Boolean.getBoolean("kfsck.regenerate");
        List<String> stale = new ArrayList<>();
        for (var e : CatalogPages.pages(MARKDOWN).entrySet()) {
            Path page = MARKDOWN.resolve(e.getKey());
            String committed = Files.exists(page) ? Files.readString(page, StandardCharsets.UTF_8) : "";
            if (!committed.equals(e.getValue())) {
                if (regenerate) Files.writeString(page, e.getValue(), StandardCharsets.UTF_8);
                else stale.add("src/site/markdown/" + e.getKey());
            }
        }
        if (!stale.isEmpty()) {
            fail("stale generated docs " + stale + ": the finding codes changed. Regenerate them with `"
                    + CatalogPages.REGENERATE + "` and commit the pages.");
        }
    }

    @Test
    void everyCodeIsInTheCatalogPageAndOnItsFormatPage() throws Exception {
        String catalog = CatalogPages.findingsPage();
        for (FindingCode c : FindingCatalog.all()) {
            assertTrue(catalog.contains("| `" + c.id() + "` |"), c.id());
        }
        int onFormatPages = 0;
        for (String page : CatalogPages.formatPages()) onFormatPages += CatalogPages.codesOfPage(page).size();
        long withoutPage = FindingCatalog.holderOf().values().stream().filter(h -> !CatalogPages.hasFormatPage(h)).count();
        assertEquals(FindingCatalog.all().size(), onFormatPages + withoutPage, "each format code is on exactly one format page");
    }

    @Test
    void generatedBlockReplacesOnlyItself() {
        String page = "# Title\n\nProse before.\n\n" + CatalogPages.BEGIN + "\nold\n" + CatalogPages.END + "\n\nProse after.\n";
        String out = CatalogPages.withCodes(page, List.of(FindingCatalog.all().get(0)));
        assertTrue(out.startsWith("# Title\n\nProse before.\n\n" + CatalogPages.BEGIN), out);
        assertTrue(out.endsWith(CatalogPages.END + "\n\nProse after.\n"), out);
        assertTrue(out.contains("`" + FindingCatalog.all().get(0).id() + "`"), out);
        assertEquals(out, CatalogPages.withCodes(out, List.of(FindingCatalog.all().get(0))), "regenerating is stable");
        String cell = CatalogPages.table(List.of(FindingCode.warn("X-PIPE", dev.kfsck.core.finding.KafkaReaction.TOLERATED, "a | b", "c")));
        assertTrue(cell.contains("a \\| b"), cell);
    }
}

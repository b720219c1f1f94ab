package dev.kfsck.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpAndVersionTest {

    /** Every command and subcommand kfsck has, found from the command tree itself so that none is forgotten. */
    private static List<List<String>> commands() {
        List<List<String>> all = new ArrayList<>();
        collect(Main.commandLine(false), new ArrayList<>(), all);
        return all;
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> into) {
        into.add(path);
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) continue;
            List<String> p = new ArrayList<>(path);
            p.add(e.getKey());
            collect(e.getValue(), p, into);
        }
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        List<List<String>> cmds = commands();
        assertTrue(cmds.size() >= 3, cmds.toString());
        for (List<String> cmd : cmds) {
            List<String> args = new ArrayList<>(cmd);
            args.add("--help");
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertEquals(0, r.exit(), cmd + "\n" + r);
            assertTrue(r.out().contains("Usage: kfsck" + (cmd.isEmpty() ? "" : " " + String.join(" ", cmd))), r.out());
            assertTrue(r.out().contains("Examples:"), cmd + "\n" + r.out());
            String example = "  kfsck " + (cmd.isEmpty() ? "" : cmd.get(0) + " ");
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(example)), cmd + " has no example line\n" + r.out());
        }
    }

    @Test
    void helpSubcommandShowsACommandsHelp() {
        Cli.Result r = Cli.run("help", "check");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Usage: kfsck check"), r.out());
    }

    @Test
    void versionNamesKfsckAndTheKafkaVersionsItUnderstands() {
        for (List<String> cmd : commands()) {
            List<String> args = new ArrayList<>(cmd);
            args.add("--version");
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().startsWith("kfsck " + KfsckVersion.version() + "\n"), r.out());
            assertTrue(r.out().contains("4.3.x"), r.out());
            assertTrue(r.out().contains("3.9.x"), r.out());
        }
        assertFalse(KfsckVersion.version().contains("${"), "the version resource is filtered by the build");
        assertTrue(KfsckVersion.kafkaVersion().startsWith("4.3."), KfsckVersion.kafkaVersion());
        assertTrue(KfsckVersion.kafkaLegacyVersion().startsWith("3.9."), KfsckVersion.kafkaLegacyVersion());
    }
}

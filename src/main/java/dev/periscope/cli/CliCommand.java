package dev.periscope.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * A command run from {@code java -jar periscope.jar <name> ...} without starting the web server
 * ({@code mask}, {@code audit verify}, {@code bench}). Output goes to the given streams, never to a logger.
 */
public interface CliCommand {

    /** The words that select this command, e.g. {@code ["audit", "verify"]}. */
    List<String> words();

    /** One line for the usage text. */
    String summary();

    /** Runs the command with the arguments after its words; returns the process exit code. */
    int run(List<String> args, InputStream in, PrintStream out, PrintStream err);
}

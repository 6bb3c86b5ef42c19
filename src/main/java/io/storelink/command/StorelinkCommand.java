package io.storelink.command;

import java.io.PrintStream;
import java.util.List;

/** One command of the jar: {@code java -jar storelink.jar <name> <arguments>}. */
public interface StorelinkCommand {

    /** The first argument that selects this command. */
    String name();

    /** One line for the usage text. */
    String usage();

    /**
     * Runs the command; what it reports goes to {@code out} (logs stay on the log).
     *
     * @param arguments the arguments after the name
     * @return the process's exit status: 0 success, 1 a check or step failed, 2 bad arguments
     */
    int run(List<String> arguments, PrintStream out);
}

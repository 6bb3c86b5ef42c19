package io.storelink.command;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application for a command instead of the bridge. Spring Boot has no sub-command dispatch of its own
 * (an {@code ApplicationRunner} would run after the web server and the routes had started), so the name is read
 * here, before the context exists, and selects the {@code command} profile.
 */
public final class Commands {

    /** Every command's name; an unknown first argument starts the bridge as before (Spring's own --options). */
    public static final Set<String> NAMES = Set.of("doctor", "register-webhooks");

    public static final String PROFILE = "command";

    private Commands() {
    }

    /** Whether {@code args} ask for a command rather than the bridge. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && NAMES.contains(args[0]);
    }

    /** Runs the command named by {@code args[0]} and returns its exit status. */
    public static int run(Class<?> application, String[] args, PrintStream out) {
        String name = args[0];
        List<String> arguments = Arrays.asList(args).subList(1, args.length);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .profiles(PROFILE)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run()) { // the command's arguments are its own, not Spring's --options
            StorelinkCommand command = context.getBeansOfType(StorelinkCommand.class).values().stream()
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no bean for command " + name));
            return command.run(arguments, out);
        }
    }
}

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
    public static final Set<String> NAMES = Set.of("doctor", "register-webhooks", "backfill");

    public static final String PROFILE = "command";

    private Commands() {
    }

    /** Whether {@code args} ask for a command rather than the bridge. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && NAMES.contains(args[0]);
    }

    /**
     * Runs the command named by {@code args[0]} and returns its exit status. Arguments of the form
     * {@code --some.setting=value} (a dot in the name) are settings for Spring, as for the bridge; the rest are the
     * command's own.
     */
    public static int run(Class<?> application, String[] args, PrintStream out) {
        String name = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        String[] settings = rest.stream().filter(Commands::isSetting).toArray(String[]::new);
        List<String> arguments = rest.stream().filter(a -> !isSetting(a)).toList();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .profiles(PROFILE, name) // and the command's own profile, when application.yaml has one
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(settings)) {
            StorelinkCommand command = context.getBeansOfType(StorelinkCommand.class).values().stream()
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no bean for command " + name));
            return command.run(arguments, out);
        }
    }

    private static boolean isSetting(String argument) {
        int equals = argument.indexOf('=');
        return argument.startsWith("--") && equals > 2 && argument.substring(2, equals).contains(".");
    }
}

package org.stepdpo.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * What a command line needs started before it can run, decided by parsing it with picocli alone (a few
 * milliseconds, no CDI, no Quarkus).
 *
 * <p>Why: booting the application (CDI, Hibernate ORM, Flyway, the H2 file, the REST router) takes seconds, and
 * {@code --help}, {@code --version} or a command group without its subcommand need none of it. Commands marked
 * {@link WithoutStorage} need the application but not the database. Anything else, parse errors included,
 * takes the full start-up, so its behaviour is exactly that of the application.
 */
public record LaunchPlan(Needs needs, CommandLine parsed) {

    public enum Needs {
        /** Help, version, or a command group named without a subcommand: picocli answers alone. */
        NOTHING,
        /** The application, with datasources, persistence units and migrations inactive. */
        APPLICATION_WITHOUT_STORAGE,
        /** The whole application. */
        APPLICATION
    }

    public static LaunchPlan of(String... args) {
        CommandLine commandLine = CommandLineSetup.configure(new CommandLine(StepDpoCommand.class));
        ParseResult result;
        try {
            result = commandLine.parseArgs(args);
        } catch (ParameterException e) {
            return new LaunchPlan(Needs.APPLICATION, commandLine);
        }
        List<CommandLine> chain = result.asCommandLineList();
        CommandLine leaf = chain.get(chain.size() - 1);
        boolean helpOrVersion = chain.stream().anyMatch(c -> c.isUsageHelpRequested() || c.isVersionHelpRequested());
        Object command = leaf.getCommand();
        boolean runnable = command instanceof Callable<?> || command instanceof Runnable;
        if (helpOrVersion || !runnable) {
            return new LaunchPlan(Needs.NOTHING, commandLine);
        }
        if (command.getClass().isAnnotationPresent(WithoutStorage.class)) {
            return new LaunchPlan(Needs.APPLICATION_WITHOUT_STORAGE, commandLine);
        }
        return new LaunchPlan(Needs.APPLICATION, commandLine);
    }

    /** Runs a {@link Needs#NOTHING} command line with plain picocli; returns its exit code. */
    public int runWithoutApplication(String... args) {
        if (needs != Needs.NOTHING) {
            throw new IllegalStateException("this command line needs the application: " + needs);
        }
        try {
            return parsed.execute(args);
        } finally {
            parsed.getOut().flush();
            parsed.getErr().flush();
        }
    }
}

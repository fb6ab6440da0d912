package org.stepdpo.cli;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** Configures the picocli command line that Quarkus runs: how errors reach the user. */
@ApplicationScoped
class CommandLineSetup {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return configure(factory.create());
    }

    /** The same settings for the application's command line and for {@link LaunchPlan}'s plain one. */
    static CommandLine configure(CommandLine commandLine) {
        return commandLine
                .setExecutionExceptionHandler(new UserErrorHandler())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }
}

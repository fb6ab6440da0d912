package org.stepdpo.cli;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** Configures the picocli command line that Quarkus runs: how errors reach the user. */
@ApplicationScoped
class CommandLineSetup {

    /** Usage help width when the output is not a terminal. */
    static final int HELP_WIDTH = 120;

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return configure(factory.create());
    }

    /** The same settings for the application's command line and for {@link LaunchPlan}'s plain one. */
    static CommandLine configure(CommandLine commandLine) {
        return commandLine
                .setExecutionExceptionHandler(new UserErrorHandler())
                .setCaseInsensitiveEnumValuesAllowed(true)
                // Help as wide as the terminal, or 120 columns in a log or pipe: picocli wraps at the column edge
                // wherever the line-break rules allow, even inside a URL ("https:" / "//host") or a path.
                .setUsageHelpAutoWidth(true)
                .setUsageHelpWidth(HELP_WIDTH);
    }
}

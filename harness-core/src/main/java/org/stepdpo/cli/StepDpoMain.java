package org.stepdpo.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stepdpo.evaluation.Provenance;
import picocli.CommandLine;

/**
 * The entry point: decides what the command line needs ({@link LaunchPlan}) before anything starts, then runs it
 * with picocli alone, with the application but no database, or with the whole application.
 */
@QuarkusMain
public class StepDpoMain implements QuarkusApplication {

    /** Derived storage switches (reports' StorageConfigSourceFactory); system properties override them. */
    private static final List<String> STORAGE_SWITCHES =
            List.of("stepdpo.storage.h2-active", "stepdpo.storage.postgresql-active");

    @Inject
    CommandLine commandLine;

    public static void main(String... args) {
        Provenance.recordCommandLine(args);
        LaunchPlan plan = LaunchPlan.of(args);
        switch (plan.needs()) {
            case NOTHING -> {
                int code = plan.runWithoutApplication(args);
                if (code != 0) {
                    System.exit(code);
                }
            }
            case APPLICATION_WITHOUT_STORAGE -> runWithoutStorage(args);
            case APPLICATION -> Quarkus.run(StepDpoMain.class, args);
        }
    }

    /** Runs the application with every datasource inactive; the switches are restored for a next run in this JVM (tests). */
    private static void runWithoutStorage(String... args) {
        Map<String, String> before = new HashMap<>();
        for (String key : STORAGE_SWITCHES) {
            before.put(key, System.getProperty(key));
            System.setProperty(key, "false");
        }
        try {
            Quarkus.run(StepDpoMain.class, args);
        } finally {
            before.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    @Override
    public int run(String... args) {
        Provenance.recordCommandLine(args);
        try {
            return commandLine.execute(args);
        } finally {
            commandLine.getOut().flush();
            commandLine.getErr().flush();
        }
    }
}

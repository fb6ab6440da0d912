package org.stepdpo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Reports the project version from a resource that Maven fills in at build time. Not from Quarkus'
 * configuration: {@code --version} is answered before (and without) the application starts ({@link LaunchPlan}).
 */
public class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[]{"stepdpo " + projectVersion()};
    }

    static String projectVersion() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled version.properties", e);
        }
    }
}

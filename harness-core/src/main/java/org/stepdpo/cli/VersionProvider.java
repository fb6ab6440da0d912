package org.stepdpo.cli;

import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.IVersionProvider;

/** Reports the project version that Quarkus records at build time. */
public class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.application.version", String.class).orElse("unknown");
        return new String[]{"stepdpo " + version};
    }
}

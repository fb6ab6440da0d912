package org.stepdpo.reports.storage;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Turns {@code STEPDPO_DB} / {@code STEPDPO_HOME} into the derived keys that the storage section of
 * application.properties refers to ({@code stepdpo.storage.*}): which datasource and persistence unit are
 * active, and the H2 file URL. Quarkus fixes a datasource's db-kind at build time, so both databases are
 * built in and this switch picks one at start-up.
 */
public class StorageConfigSourceFactory implements ConfigSourceFactory {

    /** Below application.properties (250) and the environment (300): an explicit setting always wins. */
    static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        StorageSettings settings = StorageSettings.resolve(key -> {
            ConfigValue value = context.getValue(key);
            return value == null ? null : value.getValue();
        });
        ConfigValue h2Active = context.getValue("stepdpo.storage.h2-active");
        boolean storageOff = h2Active != null && "false".equals(h2Active.getValue());
        if (settings.database() == StorageSettings.Database.H2 && !storageOff) {
            EmbeddedDatabaseGuard.apply(settings);
        }
        return List.of(new PropertiesConfigSource(derivedProperties(settings), "stepdpo storage settings", ORDINAL));
    }

    static Map<String, String> derivedProperties(StorageSettings settings) {
        boolean h2 = settings.database() == StorageSettings.Database.H2;
        return Map.of(
                "stepdpo.storage.h2-url", settings.h2Url(),
                "stepdpo.storage.h2-active", Boolean.toString(h2),
                "stepdpo.storage.postgresql-active", Boolean.toString(!h2));
    }
}

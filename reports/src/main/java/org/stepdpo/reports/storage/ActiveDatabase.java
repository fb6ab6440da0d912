package org.stepdpo.reports.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hibernate.StatelessSession;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.hibernate.orm.PersistenceUnit;

/**
 * The persistence unit of whichever database is active. Both units map the same entities; only the one whose
 * datasource is active at start-up is started, so the other must never be touched (hence instances, not
 * direct injection).
 */
@ApplicationScoped
public class ActiveDatabase {

    @Inject
    @PersistenceUnit("h2")
    InjectableInstance<StatelessSession> h2;

    @Inject
    @PersistenceUnit("postgresql")
    InjectableInstance<StatelessSession> postgresql;

    /** The active database. */
    public StorageSettings.Database database() {
        if (h2.getHandle().getBean().isActive()) {
            return StorageSettings.Database.H2;
        }
        if (postgresql.getHandle().getBean().isActive()) {
            return StorageSettings.Database.POSTGRESQL;
        }
        throw new IllegalStateException("no storage database is active; set STEPDPO_DB to 'h2' or 'postgresql'"
                + " and make sure the '# --- reports: storage ---' section of application.properties is present");
    }

    /** A stateless session of the active database, bound to the current transaction. */
    public StatelessSession session() {
        return switch (database()) {
            case H2 -> h2.get();
            case POSTGRESQL -> postgresql.get();
        };
    }
}

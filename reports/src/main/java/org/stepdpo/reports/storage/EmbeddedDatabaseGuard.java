package org.stepdpo.reports.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jboss.logging.Logger;

/**
 * Keeps the embedded database to its owner on this machine. H2's AUTO_SERVER mode lets a second process use the
 * file through a TCP server that the first opener starts; by default that server listens on every interface and
 * the lock file that holds its address and key is world-readable. Here the server binds to the loopback address
 * alone ({@code h2.bindAddress}, read by H2 when its classes load, so this runs before the datasource starts) and
 * the database folder is {@code rwx------}, so other users can read neither the files nor the key.
 */
public final class EmbeddedDatabaseGuard {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabaseGuard.class);

    /** H2's system property for the address its servers bind to. */
    public static final String BIND_ADDRESS = "h2.bindAddress";

    private EmbeddedDatabaseGuard() {
    }

    /** Applies both; a file system without POSIX permissions keeps its own rules. */
    public static void apply(StorageSettings settings) {
        if (System.getProperty(BIND_ADDRESS) == null) {
            System.setProperty(BIND_ADDRESS, "127.0.0.1");
        }
        Path folder = settings.h2File().getParent();
        try {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            LOG.debugf("%s: not a POSIX file system; its own permissions apply", folder);
        } catch (IOException | SecurityException e) {
            LOG.warnf("cannot make the database folder %s private to its owner (%s); other users of this machine "
                    + "may be able to read it", folder, e.toString());
        }
    }
}

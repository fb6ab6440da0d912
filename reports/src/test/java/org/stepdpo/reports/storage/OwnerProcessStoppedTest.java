package org.stepdpo.reports.storage;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link OwnerProcessEndsTest} with the owner stopped (TERM), which closes the database as it exits. */
@QuarkusTest
@TestProfile(OwnerProcessStoppedTest.Home.class)
class OwnerProcessStoppedTest extends OwnerProcessEndsTest {

    public static class Home extends OwnedHome {
        public Home() {
            super("stopped");
        }
    }

    @Override
    boolean kill() {
        return false;
    }
}

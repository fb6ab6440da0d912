package org.stepdpo.reports.storage;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link OwnerProcessEndsTest} with the owner killed (-9). */
@QuarkusTest
@TestProfile(OwnerProcessKilledTest.Home.class)
class OwnerProcessKilledTest extends OwnerProcessEndsTest {

    public static class Home extends OwnedHome {
        public Home() {
            super("killed");
        }
    }

    @Override
    boolean kill() {
        return true;
    }
}

package org.stepdpo.data;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;

/** The hand-written data files under {@code src/test/resources/data}. */
final class Fixtures {
    static final LoadOptions SKIP_INVALID = new LoadOptions(true, Map.of());

    private Fixtures() {
    }

    static Path path(String name) {
        URL url = Fixtures.class.getResource("/data/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource data/" + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

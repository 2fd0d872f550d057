package io.clgmcp.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this build, as Maven stamped it. */
public final class Version {
    private Version() {}

    public static String current() {
        try (InputStream in =
                Version.class.getResourceAsStream("/io/clgmcp/server/version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("the build's version.properties cannot be read", e);
        }
    }
}

package io.clgmcp.server;

import io.clgmcp.server.internal.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Optional;

/**
 * The PKCS12 keystore with which the server terminates TLS itself ({@code TLS_KEYSTORE}, {@code
 * TLS_KEYSTORE_PASSWORD}). Its {@link #toString} never shows the password.
 */
public record TlsOptions(Path keystore, String keystorePassword) {
    static final String KEYSTORE = "TLS_KEYSTORE";
    static final String PASSWORD = "TLS_KEYSTORE_PASSWORD";

    /**
     * The keystore the settings name, if any, once it has been opened with its password; every
     * problem goes to the settings, and none quotes the password.
     */
    static Optional<TlsOptions> read(Settings settings) {
        String path = settings.string(KEYSTORE, null);
        String password = settings.string(PASSWORD, null);
        if (path == null) {
            if (password != null) {
                settings.problem(PASSWORD + " is set but " + KEYSTORE + " is not");
            }
            return Optional.empty();
        }
        Path keystore = Path.of(path).toAbsolutePath();
        if (!Files.isRegularFile(keystore) || !Files.isReadable(keystore)) {
            settings.problem(KEYSTORE + " must name a readable PKCS12 file, not '" + path + "'");
            return Optional.empty();
        }
        if (password == null) {
            settings.problem(PASSWORD + " must be set when " + KEYSTORE + " is");
            return Optional.empty();
        }
        String problem = openingProblem(keystore, password);
        if (problem != null) {
            settings.problem(problem);
            return Optional.empty();
        }
        return Optional.of(new TlsOptions(keystore, password));
    }

    /** What keeps the keystore from serving TLS, or null when it can. */
    private static String openingProblem(Path keystore, String password) {
        String where = KEYSTORE + " '" + keystore + "'";
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)
                        && store.getCertificate(alias) != null
                        && store.getKey(alias, password.toCharArray()) != null) {
                    return null;
                }
            }
            return where
                    + " holds no private key with its certificate that "
                    + PASSWORD
                    + " unlocks";
        } catch (IOException | GeneralSecurityException e) {
            // The JDK's reasons ("keystore password was incorrect", a parse error) never hold the
            // password, but a secret must not reach a log through someone else's message either.
            String reason = e.getMessage();
            return where
                    + " cannot be opened with "
                    + PASSWORD
                    + ": wrong password, or not a PKCS12 keystore"
                    + (reason == null || reason.contains(password) ? "" : " (" + reason + ")");
        }
    }

    @Override
    public String toString() {
        return "TlsOptions[keystore=" + keystore + ", keystorePassword=(hidden)]";
    }
}

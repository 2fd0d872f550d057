package io.clgmcp.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clgmcp.server.ServerConfig;
import io.clgmcp.server.TlsOptions;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code TLS_KEYSTORE} and {@code TLS_KEYSTORE_PASSWORD}: a keystore that opens turns HTTPS on, and
 * every way one can fail is a configuration error that names the setting and never shows a
 * password.
 */
class TlsConfigTest {
    private static final String WRONG_PASSWORD = "not-the-Keystore-Password-42";

    @TempDir static Path folder;
    private static SelfSignedKeystore keystore;

    @BeforeAll
    static void makeKeystore() throws Exception {
        keystore = SelfSignedKeystore.create(folder);
    }

    @Test
    void plainHttpUnlessAKeystoreIsGiven() {
        assertTrue(ServerConfig.of(Map.of()).tls().isEmpty());
    }

    @Test
    void readsAKeystoreThatItsPasswordOpens() {
        TlsOptions tls = ServerConfig.of(keystore.settings()).tls().orElseThrow();

        assertEquals(keystore.path().toAbsolutePath(), tls.keystore());
        assertEquals(keystore.password(), tls.keystorePassword());
    }

    @Test
    void neverShowsThePasswordInTheConfigurationsText() {
        ServerConfig config = ServerConfig.of(keystore.settings());

        assertFalse(config.toString().contains(keystore.password()), config::toString);
        assertTrue(config.toString().contains(keystore.path().toString()), config::toString);
    }

    @Test
    void refusesAKeystoreThatIsNotThere() {
        Path missing = folder.resolve("missing.p12");

        String message =
                problem(
                        Map.of(
                                "TLS_KEYSTORE", missing.toString(),
                                "TLS_KEYSTORE_PASSWORD", keystore.password()));

        assertTrue(message.contains("TLS_KEYSTORE must name a readable PKCS12 file"), message);
        assertTrue(message.contains(missing.toString()), message);
        assertFalse(message.contains(keystore.password()), message);
    }

    @Test
    void refusesAFolderForAKeystore() {
        String message =
                problem(
                        Map.of(
                                "TLS_KEYSTORE", folder.toString(),
                                "TLS_KEYSTORE_PASSWORD", keystore.password()));

        assertTrue(message.contains("TLS_KEYSTORE must name a readable PKCS12 file"), message);
    }

    @Test
    void refusesTheWrongPasswordWithoutShowingIt() {
        String message =
                problem(
                        Map.of(
                                "TLS_KEYSTORE",
                                keystore.path().toString(),
                                "TLS_KEYSTORE_PASSWORD",
                                WRONG_PASSWORD));

        assertTrue(message.contains("cannot be opened with TLS_KEYSTORE_PASSWORD"), message);
        assertTrue(message.contains(keystore.path().toString()), message);
        assertFalse(message.contains(WRONG_PASSWORD), message);
        assertFalse(message.contains(keystore.password()), message);
    }

    @Test
    void refusesAFileThatIsNoKeystoreWithoutShowingThePassword() throws Exception {
        Path text = Files.writeString(folder.resolve("notes.p12"), "no keystore here");

        String message =
                problem(
                        Map.of(
                                "TLS_KEYSTORE", text.toString(),
                                "TLS_KEYSTORE_PASSWORD", keystore.password()));

        assertTrue(message.contains("cannot be opened with TLS_KEYSTORE_PASSWORD"), message);
        assertFalse(message.contains(keystore.password()), message);
    }

    @Test
    void refusesAKeystoreThatHoldsNoKey() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("trusted", keystore.certificate());
        Path certificateOnly = folder.resolve("certificate-only.p12");
        try (OutputStream out = Files.newOutputStream(certificateOnly)) {
            store.store(out, keystore.password().toCharArray());
        }

        String message =
                problem(
                        Map.of(
                                "TLS_KEYSTORE", certificateOnly.toString(),
                                "TLS_KEYSTORE_PASSWORD", keystore.password()));

        assertTrue(message.contains("holds no private key"), message);
        assertFalse(message.contains(keystore.password()), message);
    }

    @Test
    void refusesAKeystoreWithoutItsPassword() {
        String message = problem(Map.of("TLS_KEYSTORE", keystore.path().toString()));

        assertTrue(
                message.contains("TLS_KEYSTORE_PASSWORD must be set when TLS_KEYSTORE is"),
                message);
    }

    @Test
    void refusesAPasswordWithoutAKeystore() {
        String message = problem(Map.of("TLS_KEYSTORE_PASSWORD", keystore.password()));

        assertTrue(message.contains("TLS_KEYSTORE_PASSWORD is set but TLS_KEYSTORE is not"));
        assertFalse(message.contains(keystore.password()), message);
    }

    @Test
    void reportsAKeystoreProblemAlongsideTheOthers() {
        Map<String, String> settings = new HashMap<>();
        settings.put("TLS_KEYSTORE", keystore.path().toString());
        settings.put("TLS_KEYSTORE_PASSWORD", WRONG_PASSWORD);
        settings.put("PORT", "-1");

        String message = problem(settings);

        assertTrue(message.contains("PORT must be"), message);
        assertTrue(message.contains("TLS_KEYSTORE_PASSWORD"), message);
    }

    private static String problem(Map<String, String> settings) {
        return assertThrows(
                        ServerConfig.InvalidConfigException.class, () -> ServerConfig.of(settings))
                .getMessage();
    }
}

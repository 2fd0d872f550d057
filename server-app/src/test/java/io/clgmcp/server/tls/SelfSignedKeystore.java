package io.clgmcp.server.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A PKCS12 keystore made at test time: an EC key and a certificate that signs itself, for {@code
 * localhost} and {@code 127.0.0.1}, under a random password; and a client TLS context that trusts
 * that certificate alone.
 */
public final class SelfSignedKeystore {
    private static final Duration VALIDITY = Duration.ofDays(1);

    private final Path path;
    private final String password;
    private final X509Certificate certificate;

    private SelfSignedKeystore(Path path, String password, X509Certificate certificate) {
        this.path = path;
        this.password = password;
        this.certificate = certificate;
    }

    /** Writes a new keystore to {@code server.p12} in that folder. */
    public static SelfSignedKeystore create(Path folder) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X509Certificate certificate = selfSigned(keys);
        String password = randomPassword();

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
                "server",
                keys.getPrivate(),
                password.toCharArray(),
                new Certificate[] {certificate});
        Path path = folder.resolve("server.p12");
        try (OutputStream out = Files.newOutputStream(path)) {
            store.store(out, password.toCharArray());
        }
        return new SelfSignedKeystore(path, password, certificate);
    }

    public Path path() {
        return path;
    }

    public String password() {
        return password;
    }

    /** The certificate, which signs itself. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The settings that make a server speak HTTPS with this keystore. */
    public Map<String, String> settings() {
        return Map.of("TLS_KEYSTORE", path.toString(), "TLS_KEYSTORE_PASSWORD", password);
    }

    /** A client context that trusts this keystore's certificate and no other. */
    public SSLContext trustingClient() throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", certificate);
        TrustManagerFactory trust =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static X509Certificate selfSigned(KeyPair keys)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        X500Name name = new X500Name("CN=localhost");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder =
                new JcaX509v3CertificateBuilder(
                        name,
                        BigInteger.valueOf(now.toEpochMilli()),
                        Date.from(now.minus(VALIDITY)),
                        Date.from(now.plus(VALIDITY)),
                        name,
                        keys.getPublic());
        // Clients check the address they dialled against these names.
        builder.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(
                        new GeneralName[] {
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                        }));
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(
                                new JcaContentSignerBuilder("SHA256withECDSA")
                                        .build(keys.getPrivate())));
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

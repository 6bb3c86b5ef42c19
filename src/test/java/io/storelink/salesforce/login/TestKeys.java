package io.storelink.salesforce.login;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** An RSA key pair made for a test, and the key files a merchant might hand the bridge for it. */
public final class TestKeys {

    private final KeyPair pair;
    private final X509Certificate certificate;

    public TestKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=storelink-test");
            Instant now = Instant.now();
            certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public KeyPair pair() {
        return pair;
    }

    /** The certificate a merchant uploads to the Connected App. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** PKCS#8 "PRIVATE KEY". */
    public Path pkcs8Pem(Path dir) {
        return write(dir.resolve("pkcs8.pem"), pem(pkcs8()));
    }

    /** PKCS#1 "RSA PRIVATE KEY" (openssl genrsa's traditional form). */
    public Path pkcs1Pem(Path dir) {
        return write(dir.resolve("pkcs1.pem"), pem(pair.getPrivate()));
    }

    /** "ENCRYPTED PRIVATE KEY" (PKCS#8, AES-256-CBC). */
    public Path encryptedPem(Path dir, String password) {
        try {
            return write(dir.resolve("encrypted.pem"), pem(new JcaPKCS8Generator(pair.getPrivate(),
                    new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
                            .setPassword(password.toCharArray()).build())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PKCS#8 key followed by its certificate in one file. */
    public Path pemWithCertificate(Path dir) {
        return write(dir.resolve("key-and-cert.pem"), pem(pkcs8()) + pem(certificate));
    }

    /** A PKCS#12 keystore holding the key and its certificate. */
    public Path pkcs12(Path dir, String password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("jwt", pair.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
            Path file = dir.resolve("keystore.p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private JcaPKCS8Generator pkcs8() {
        try {
            return new JcaPKCS8Generator(pair.getPrivate(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

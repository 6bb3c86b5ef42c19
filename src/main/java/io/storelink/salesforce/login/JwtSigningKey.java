package io.storelink.salesforce.login;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Date;
import java.util.UUID;

import org.apache.camel.support.jsse.KeyStoreParameters;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * The JWT bearer flow's signing key, read from SALESFORCE_JWT_KEY_FILE into an in-memory keystore with one key
 * entry, the form camel-salesforce signs with. The file is a PEM private key (PKCS#8 "PRIVATE KEY", PKCS#1 "RSA
 * PRIVATE KEY", or encrypted with SALESFORCE_JWT_KEY_PASSWORD), optionally followed by its certificate, or a
 * PKCS#12 keystore with its password. Java 17 has no PEM parser and no certificate builder, and a keystore's key
 * entry needs a certificate chain, so BouncyCastle parses the PEM and, when the file holds no certificate,
 * self-signs one (Camel uses only the key; Salesforce checks against the certificate uploaded to the app).
 * Failures name the variables and never quote the file's content: their causes are not chained for that reason.
 */
public final class JwtSigningKey {

    static final String FILE = "SALESFORCE_JWT_KEY_FILE";
    static final String PASSWORD = "SALESFORCE_JWT_KEY_PASSWORD";
    private static final String ALIAS = "salesforce-jwt";
    private static final BouncyCastleProvider BC = new BouncyCastleProvider(); // not registered JVM-wide

    private final KeyStore keyStore;
    private final String entryPassword;

    private JwtSigningKey(KeyStore keyStore, String entryPassword) {
        this.keyStore = keyStore;
        this.entryPassword = entryPassword;
    }

    /** Reads the key file; {@code password} (may be empty) decrypts an encrypted PEM key or opens a PKCS#12 file. */
    public static JwtSigningKey read(Path file, String password) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            throw new LoginSettingsException(FILE, FILE + " " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        char[] secret = password == null ? new char[0] : password.toCharArray();
        PrivateKey key;
        Certificate certificate;
        if (isPem(content)) {
            Pem pem = readPem(content, secret);
            key = pem.key;
            certificate = pem.certificate != null ? pem.certificate : selfSigned(key);
        } else {
            KeyStore pkcs12 = readPkcs12(content, secret);
            String alias = onlyKeyAlias(pkcs12);
            key = pkcs12Key(pkcs12, alias, secret);
            certificate = pkcs12Certificate(pkcs12, alias, key);
        }
        if (!"RSA".equals(key.getAlgorithm())) {
            throw new LoginSettingsException(FILE, FILE + " holds an " + key.getAlgorithm() + " key; Salesforce's JWT "
                    + "bearer flow signs with RS256, which needs an RSA key");
        }
        return inMemory(key, certificate);
    }

    /** The keystore for camel-salesforce's {@code keystore} option. */
    public KeyStoreParameters keyStoreParameters() {
        KeyStoreParameters parameters = new KeyStoreParameters();
        parameters.setKeyStore(keyStore);
        parameters.setPassword(entryPassword);
        return parameters;
    }

    /** The in-memory keystore (one key entry). */
    public KeyStore keyStore() {
        return keyStore;
    }

    private record Pem(PrivateKey key, X509Certificate certificate) {
    }

    private static boolean isPem(byte[] content) {
        return new String(content, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
    }

    private static Pem readPem(byte[] content, char[] password) {
        PrivateKey key = null;
        X509Certificate certificate = null;
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter().setProvider(BC);
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    certificate = certificate != null ? certificate : new JcaX509CertificateConverter().getCertificate(holder);
                } else if (key == null) {
                    key = pemKey(item, keys, password);
                }
            }
        } catch (LoginSettingsException e) {
            throw e;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw unparsable("a PEM file it cannot parse", e);
        }
        if (key == null) {
            throw new LoginSettingsException(FILE, FILE + " is a PEM file without a private key (PRIVATE KEY, RSA PRIVATE KEY "
                    + "or ENCRYPTED PRIVATE KEY)");
        }
        return new Pem(key, certificate);
    }

    private static PrivateKey pemKey(Object item, JcaPEMKeyConverter keys, char[] password) throws IOException {
        if (item instanceof PrivateKeyInfo info) {
            return keys.getPrivateKey(info);
        }
        if (item instanceof PEMKeyPair pair) {
            return keys.getKeyPair(pair).getPrivate();
        }
        if (item instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
            requirePassword(password);
            try {
                return keys.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password)));
            } catch (PKCSException | OperatorCreationException e) {
                throw wrongPassword();
            }
        }
        if (item instanceof PEMEncryptedKeyPair encrypted) {
            requirePassword(password);
            try {
                return keys.getKeyPair(encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BC).build(password)))
                        .getPrivate();
            } catch (IOException e) {
                throw wrongPassword();
            }
        }
        return null; // e.g. EC parameters or a public key: not the signing key
    }

    private static KeyStore readPkcs12(byte[] content, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(content), password);
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw wrongPassword();
            }
            throw unparsable("neither a PEM key nor a PKCS#12 keystore", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw unparsable("neither a PEM key nor a PKCS#12 keystore", e);
        }
    }

    private static String onlyKeyAlias(KeyStore store) {
        try {
            String found = null;
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    if (found != null) {
                        throw new LoginSettingsException(FILE, FILE + " is a PKCS#12 keystore with more than one key; keep "
                                + "only the one whose certificate is uploaded to the Connected App");
                    }
                    found = alias;
                }
            }
            if (found == null) {
                throw new LoginSettingsException(FILE, FILE + " is a PKCS#12 keystore without a private key");
            }
            return found;
        } catch (GeneralSecurityException e) {
            throw unparsable("a PKCS#12 keystore it cannot read", e);
        }
    }

    private static PrivateKey pkcs12Key(KeyStore store, String alias, char[] password) {
        try {
            Key key = store.getKey(alias, password);
            if (key instanceof PrivateKey privateKey) {
                return privateKey;
            }
            throw new LoginSettingsException(FILE, FILE + " is a PKCS#12 keystore without a private key");
        } catch (java.security.UnrecoverableKeyException e) {
            throw wrongPassword();
        } catch (GeneralSecurityException e) {
            throw unparsable("a PKCS#12 keystore it cannot read", e);
        }
    }

    private static Certificate pkcs12Certificate(KeyStore store, String alias, PrivateKey key) {
        try {
            Certificate certificate = store.getCertificate(alias);
            return certificate != null ? certificate : selfSigned(key);
        } catch (GeneralSecurityException e) {
            throw unparsable("a PKCS#12 keystore it cannot read", e);
        }
    }

    /** A stand-in certificate for the keystore entry; nobody verifies it. */
    private static X509Certificate selfSigned(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new LoginSettingsException(FILE, FILE + " holds an " + key.getAlgorithm() + " key; Salesforce's JWT "
                    + "bearer flow signs with RS256, which needs an RSA key");
        }
        try {
            PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            X500Name name = new X500Name("CN=storelink-salesforce-jwt");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(3650, ChronoUnit.DAYS)), name, publicKey);
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw unparsable("a key no certificate can be made for", e);
        }
    }

    private static JwtSigningKey inMemory(PrivateKey key, Certificate certificate) {
        String entryPassword = UUID.randomUUID().toString(); // guards nothing: the keystore never leaves memory
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, entryPassword.toCharArray(), new Certificate[] {certificate});
            return new JwtSigningKey(store, entryPassword);
        } catch (IOException | GeneralSecurityException e) {
            throw unparsable("a key the JVM cannot store", e);
        }
    }

    private static void requirePassword(char[] password) {
        if (password.length == 0) {
            throw new LoginSettingsException(PASSWORD, FILE + " holds an encrypted key: set " + PASSWORD + " to its password");
        }
    }

    private static LoginSettingsException wrongPassword() {
        return new LoginSettingsException(PASSWORD, PASSWORD + " does not open " + FILE + " (wrong password)");
    }

    private static LoginSettingsException unparsable(String what, Exception e) {
        return new LoginSettingsException(FILE, FILE + " is " + what + " (" + e.getClass().getSimpleName() + ")");
    }
}

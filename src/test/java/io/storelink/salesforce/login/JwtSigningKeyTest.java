package io.storelink.salesforce.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every key file form a merchant may have ends as one key entry that signs like the original key. */
class JwtSigningKeyTest {

    static final TestKeys KEYS = new TestKeys();
    static final String PASSWORD = "s3cret-pass";

    @TempDir
    Path dir;

    @Test
    void pkcs8Pem() throws Exception {
        assertSignsWithTheKey(JwtSigningKey.read(KEYS.pkcs8Pem(dir), ""));
    }

    @Test
    void pkcs1Pem() throws Exception {
        assertSignsWithTheKey(JwtSigningKey.read(KEYS.pkcs1Pem(dir), null));
    }

    @Test
    void encryptedPemWithItsPassword() throws Exception {
        assertSignsWithTheKey(JwtSigningKey.read(KEYS.encryptedPem(dir, PASSWORD), PASSWORD));
    }

    @Test
    void pemWithTheCertificateKeepsTheCertificate() throws Exception {
        JwtSigningKey key = JwtSigningKey.read(KEYS.pemWithCertificate(dir), "");
        assertSignsWithTheKey(key);
        String alias = Collections.list(key.keyStore().aliases()).get(0);
        assertThat(key.keyStore().getCertificate(alias)).isEqualTo(KEYS.certificate());
    }

    @Test
    void pkcs12WithItsPassword() throws Exception {
        assertSignsWithTheKey(JwtSigningKey.read(KEYS.pkcs12(dir, PASSWORD), PASSWORD));
    }

    @Test
    void wrongPasswordNamesThePasswordVariable() {
        assertFailsNaming(KEYS.encryptedPem(dir, PASSWORD), "wrong", "SALESFORCE_JWT_KEY_PASSWORD");
        assertFailsNaming(KEYS.pkcs12(dir, PASSWORD), "wrong", "SALESFORCE_JWT_KEY_PASSWORD");
        assertFailsNaming(KEYS.encryptedPem(dir, PASSWORD), "", "SALESFORCE_JWT_KEY_PASSWORD");
    }

    @Test
    void garbageMissingAndKeylessFilesNameTheFileVariable() throws Exception {
        Path garbage = Files.write(dir.resolve("garbage.bin"), "not a key at all \u0000\u0001".getBytes(StandardCharsets.UTF_8));
        assertFailsNaming(garbage, "", "SALESFORCE_JWT_KEY_FILE");
        assertFailsNaming(dir.resolve("absent.pem"), "", "SALESFORCE_JWT_KEY_FILE");
        String certOnly = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(KEYS.certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n";
        assertFailsNaming(Files.writeString(dir.resolve("cert.pem"), certOnly), "", "SALESFORCE_JWT_KEY_FILE");
        Path broken = Files.writeString(dir.resolve("broken.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA!!notbase64\n-----END PRIVATE KEY-----\n");
        assertFailsNaming(broken, "", "SALESFORCE_JWT_KEY_FILE");
    }

    private static void assertFailsNaming(Path file, String password, String variable) {
        String pem = file.toFile().exists() ? readQuietly(file) : "";
        assertThatThrownBy(() -> JwtSigningKey.read(file, password))
                .isInstanceOfSatisfying(LoginSettingsException.class, e -> {
                    assertThat(e.variable()).isEqualTo(variable);
                    assertThat(e.getMessage()).contains(variable);
                    assertThat(e.getCause()).isNull();
                    assertThat(e.getMessage()).doesNotContain(PASSWORD);
                    pemBodyLines(pem).forEach(line -> assertThat(e.getMessage()).doesNotContain(line));
                });
    }

    private static List<String> pemBodyLines(String pem) {
        return pem.lines().filter(l -> !l.startsWith("-----") && l.length() > 8).toList();
    }

    private static String readQuietly(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (Exception e) {
            return "";
        }
    }

    private static void assertSignsWithTheKey(JwtSigningKey key) throws Exception {
        KeyStore store = key.keyStore();
        List<String> aliases = Collections.list(store.aliases());
        assertThat(aliases).hasSize(1);
        assertThat(store.isKeyEntry(aliases.get(0))).isTrue();
        var parameters = key.keyStoreParameters();
        PrivateKey privateKey = (PrivateKey) parameters.createKeyStore().getKey(aliases.get(0), parameters.getPassword().toCharArray());
        byte[] data = "header.claims".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(privateKey);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(KEYS.pair().getPublic());
        verifier.update(data);
        assertThat(verifier.verify(signature)).as("signed with the file's key").isTrue();
    }
}

package dev.salespipeline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Bearer tokens for tests, signed by a key pair made once per JVM, as an identity provider would
 * issue them. A service under test trusts the key through
 * {@code spring.security.oauth2.resourceserver.jwt.public-key-location} = {@link #publicKeyLocation()}.
 *
 * <pre>{@code
 * registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
 * String anna = TestTokens.user("anna").roles("rep").team("north").token();
 * }</pre>
 */
public final class TestTokens {

    private static final KeyPair TRUSTED = newKeyPair();
    private static final KeyPair UNTRUSTED = newKeyPair();
    private static volatile String publicKeyLocation;

    private TestTokens() {
    }

    /** A {@code file:} location of the trusted public key in PEM, written on first use. */
    public static synchronized String publicKeyLocation() {
        if (publicKeyLocation == null) {
            try {
                Path pem = Files.createTempFile("test-issuer-", ".pem");
                pem.toFile().deleteOnExit();
                String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(TRUSTED.getPublic().getEncoded());
                Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
                publicKeyLocation = pem.toUri().toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyLocation;
    }

    /** Starts a token for the subject {@code id}. */
    public static Builder user(String id) {
        return new Builder(id);
    }

    /** A token builder; by default valid for an hour, signed by the trusted key, no roles, no team and no audience. */
    public static final class Builder {

        private final String subject;
        private List<String> roles = List.of();
        private String team;
        private List<String> audiences = List.of();
        private Instant issuedAt = Instant.now();
        private Duration lifetime = Duration.ofHours(1);
        private KeyPair signer = TRUSTED;

        private Builder(String subject) {
            this.subject = subject;
        }

        public Builder roles(String... roleNames) {
            this.roles = List.of(roleNames);
            return this;
        }

        public Builder team(String teamName) {
            this.team = teamName;
            return this;
        }

        /** The token's {@code aud} claim; none by default. */
        public Builder audience(String... audienceNames) {
            this.audiences = List.of(audienceNames);
            return this;
        }

        /** A token that expired a while ago. */
        public Builder expired() {
            this.issuedAt = Instant.now().minus(Duration.ofHours(3));
            this.lifetime = Duration.ofHours(1);
            return this;
        }

        /** A well-formed token signed by a key the service does not trust. */
        public Builder signedByUntrustedKey() {
            this.signer = UNTRUSTED;
            return this;
        }

        public String token() {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .issuer("test-issuer")
                    .subject(subject)
                    .jwtID(UUID.randomUUID().toString())
                    .issueTime(Date.from(issuedAt))
                    .expirationTime(Date.from(issuedAt.plus(lifetime)))
                    .claim("name", subject)
                    .claim("roles", roles);
            if (team != null) {
                claims.claim("team", team);
            }
            if (!audiences.isEmpty()) {
                claims.audience(audiences);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(),
                    claims.build());
            try {
                jwt.sign(new RSASSASigner((RSAPrivateKey) signer.getPrivate()));
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot sign a test token", e);
            }
            return jwt.serialize();
        }

        /** {@code "Bearer <token>"}, for an Authorization header. */
        public String bearer() {
            return "Bearer " + token();
        }
    }

    /** The trusted public key, for tests that verify tokens themselves. */
    public static RSAPublicKey publicKey() {
        return (RSAPublicKey) TRUSTED.getPublic();
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }
}

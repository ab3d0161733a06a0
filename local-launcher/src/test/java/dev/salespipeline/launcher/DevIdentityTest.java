package dev.salespipeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class DevIdentityTest {

    @TempDir
    Path dataDir;

    @Test
    void createsTheKeyPairOnceAndReusesIt() throws Exception {
        DevIdentity first = DevIdentity.open(dataDir);
        String privatePem = Files.readString(first.privateKeyFile());
        String publicPem = Files.readString(first.publicKeyFile());

        DevIdentity second = DevIdentity.open(dataDir);

        assertThat(first.keyPairCreated()).isTrue();
        assertThat(second.keyPairCreated()).isFalse();
        assertThat(first.directory()).isEqualTo(dataDir.resolve("dev-identity"));
        assertThat(Files.readString(second.privateKeyFile())).isEqualTo(privatePem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(second.publicKeyFile())).isEqualTo(publicPem).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        assertThat(second.publicKey().getModulus().bitLength()).isEqualTo(2048);
        assertThat(second.keyId()).isEqualTo(first.keyId());
        assertThat(readPublicKey(second.publicKeyFile())).isEqualTo(first.publicKey());
        assertThat(second.publicKeyLocation()).isEqualTo("file:" + dataDir.toAbsolutePath().resolve("dev-identity/public.pem"));

        // a token of the first instance is accepted with the key the second one hands to the services
        assertThat(decoderFor(second).decode(first.issueToken("ben", Duration.ofMinutes(5))).getSubject()).isEqualTo("ben");
    }

    @Test
    void keepsThePrivateKeyToItsOwnerWhereTheFileSystemHasPermissions() throws IOException {
        DevIdentity identity = DevIdentity.open(dataDir);

        if (Files.getFileStore(dataDir).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(identity.privateKeyFile()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(identity.directory()))
                    .doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        }
        try (var files = Files.list(identity.directory())) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .as("no temporary file left behind")
                    .noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void writesThePublicKeyAgainIfItWentMissing() throws Exception {
        DevIdentity first = DevIdentity.open(dataDir);
        Files.delete(first.publicKeyFile());

        DevIdentity second = DevIdentity.open(dataDir);

        assertThat(second.keyPairCreated()).isFalse();
        assertThat(readPublicKey(second.publicKeyFile())).isEqualTo(first.publicKey());
    }

    @Test
    void openedFromSeveralThreadsAtOnceEveryoneGetsTheSameKeyPair() {
        List<CompletableFuture<DevIdentity>> opened = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> DevIdentity.open(dataDir)))
                .toList();

        List<DevIdentity> identities = opened.stream().map(CompletableFuture::join).toList();

        assertThat(identities).filteredOn(DevIdentity::keyPairCreated).hasSize(1);
        assertThat(identities).extracting(DevIdentity::keyId).containsOnly(identities.get(0).keyId());
    }

    @Test
    void issuesATokenTheServicesVerifyWithThePublicKey() throws Exception {
        DevIdentity identity = DevIdentity.open(dataDir);

        String token = identity.issueToken("anna", Duration.ofHours(8));
        Jwt jwt = decoderFor(identity).decode(token);

        assertThat(jwt.getHeaders())
                .containsEntry("alg", "RS256")
                .containsEntry("typ", "JWT")
                .containsEntry("kid", identity.keyId());
        assertThat(jwt.getClaimAsString("iss")).isEqualTo("sales-pipeline-local-dev");
        assertThat(jwt.getSubject()).isEqualTo("anna");
        assertThat(jwt.getClaimAsString("name")).isEqualTo("Anna Berg");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("rep");
        assertThat(jwt.getClaimAsString("team")).isEqualTo("north");
        assertThat(jwt.getIssuedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void tokensForAClientCarryItsIdAndTheIssuerGiven() {
        DevIdentity identity = DevIdentity.open(dataDir);

        Jwt forClient = decoderFor(identity).decode(identity.issueToken("max", Duration.ofMinutes(5),
                "http://localhost:8084", "sales-pipeline-web"));
        Jwt fromCommand = decoderFor(identity).decode(identity.issueToken("max", Duration.ofMinutes(5)));

        assertThat(forClient.getClaimAsString("iss")).isEqualTo("http://localhost:8084");
        assertThat(forClient.getClaimAsString("azp")).isEqualTo("sales-pipeline-web");
        assertThat(forClient.getSubject()).isEqualTo("max");
        assertThat(forClient.getClaimAsStringList("roles")).containsExactly("manager");
        assertThat(forClient.getClaimAsString("team")).isEqualTo("north");
        assertThat(fromCommand.getClaimAsString("iss")).isEqualTo("sales-pipeline-local-dev");
        assertThat(fromCommand.hasClaim("azp")).isFalse();
    }

    @Test
    void idTokensNameTheClientAsAudienceAndCarryTheNonce() {
        DevIdentity identity = DevIdentity.open(dataDir);

        Jwt id = decoderFor(identity).decode(identity.issueIdToken("sam", "sales-pipeline-web", "n-0S6_WzA2Mj",
                Duration.ofMinutes(5), "http://localhost:8084", Instant.now()));
        Jwt withoutNonce = decoderFor(identity).decode(identity.issueIdToken("sam", "sales-pipeline-web", null,
                Duration.ofMinutes(5), "http://localhost:8084", Instant.now()));

        assertThat(id.getClaimAsString("iss")).isEqualTo("http://localhost:8084");
        assertThat(id.getSubject()).isEqualTo("sam");
        assertThat(id.getAudience()).containsExactly("sales-pipeline-web");
        assertThat(id.getClaimAsString("nonce")).isEqualTo("n-0S6_WzA2Mj");
        assertThat(id.getClaimAsString("name")).isEqualTo("Sam Seidel");
        assertThat(id.hasClaim("roles")).isFalse();
        assertThat(withoutNonce.hasClaim("nonce")).isFalse();
    }

    @Test
    void thePublicJwkIsThePublicKey() throws Exception {
        DevIdentity identity = DevIdentity.open(dataDir);

        RSAKey jwk = RSAKey.parse(identity.publicJwk());

        assertThat(jwk.toRSAPublicKey()).isEqualTo(identity.publicKey());
        assertThat(jwk.getKeyID()).isEqualTo(identity.keyId());
        assertThat(identity.publicJwk()).containsEntry("use", "sig").containsEntry("alg", "RS256");
    }

    @Test
    void leavesTheTeamOutForUsersWithoutOne() {
        DevIdentity identity = DevIdentity.open(dataDir);

        Jwt admin = decoderFor(identity).decode(identity.issueToken("ada", Duration.ofMinutes(1)));
        Jwt integration = decoderFor(identity).decode(identity.issueToken("telephony", Duration.ofMinutes(1)));

        assertThat(admin.getClaimAsStringList("roles")).containsExactly("admin");
        assertThat(admin.hasClaim("team")).isFalse();
        assertThat(integration.getClaimAsStringList("roles")).containsExactly("integration");
        assertThat(integration.hasClaim("team")).isFalse();
    }

    @Test
    void hasTheDemoUsersOfEveryRole() {
        assertThat(DevIdentity.demoUsers())
                .extracting(DevIdentity.DemoUser::id, user -> user.roles().get(0), DevIdentity.DemoUser::team)
                .contains(
                        tuple("ada", "admin", null),
                        tuple("max", "manager", "north"),
                        tuple("nina", "manager", "south"),
                        tuple("anna", "rep", "north"),
                        tuple("ben", "rep", "north"),
                        tuple("sam", "rep", "south"),
                        tuple("vera", "viewer", null),
                        tuple("telephony", "integration", null));
    }

    @Test
    void theKeyIdIsTheThumbprintOfThePublicKey() throws Exception {
        DevIdentity identity = DevIdentity.open(dataDir);

        assertThat(identity.keyId())
                .isEqualTo(new RSAKey.Builder(identity.publicKey()).build().computeThumbprint().toString());
    }

    @Test
    void refusesAnUnknownUserNamingTheKnownOnes() {
        DevIdentity identity = DevIdentity.open(dataDir);

        assertThatThrownBy(() -> identity.issueToken("mallory", Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mallory")
                .hasMessageContaining("ada, max, nina, anna, ben, sam, vera, telephony");
        assertThatThrownBy(() -> identity.issueToken("anna", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokensOfAnotherKeyOrPastTheirLifetimeAreRejected() {
        DevIdentity identity = DevIdentity.open(dataDir);
        DevIdentity other = DevIdentity.open(dataDir.resolve("other"));
        JwtDecoder decoder = decoderFor(identity);

        assertThatThrownBy(() -> decoder.decode(other.issueToken("anna", Duration.ofHours(1))))
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(identity.issueToken("anna", Duration.ofMinutes(5),
                Instant.now().minus(Duration.ofHours(1)))))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void refusesAPrivateKeyFileItCannotRead() throws IOException {
        Path directory = Files.createDirectories(dataDir.resolve("dev-identity"));
        Files.writeString(directory.resolve("private.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> DevIdentity.open(dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("private.pem")
                .hasMessageContaining("Delete " + directory);
    }

    /** The decoder a service builds from {@code public.pem}. */
    static JwtDecoder decoderFor(DevIdentity identity) {
        try {
            return NimbusJwtDecoder.withPublicKey(readPublicKey(identity.publicKeyFile())).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code public.pem} as a service does for {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. */
    static RSAPublicKey readPublicKey(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            return RsaKeyConverters.x509().convert(in);
        }
    }
}

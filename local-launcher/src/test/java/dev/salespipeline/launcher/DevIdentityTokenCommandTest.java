package dev.salespipeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.Jwt;

/** The {@code token} sub-command of the launcher, run in this JVM. */
class DevIdentityTokenCommandTest {

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsOnlyAVerifiableTokenOnStandardOutput() {
        int exitCode = run(new Properties(), "anna", "--data-dir=" + dataDir);

        assertThat(exitCode).isZero();
        String printed = stdout();
        assertThat(printed).endsWith(System.lineSeparator()).doesNotContain(" ");
        assertThat(printed.strip().lines()).hasSize(1);
        Jwt jwt = DevIdentityTest.decoderFor(DevIdentity.open(dataDir)).decode(printed.strip());
        assertThat(jwt.getSubject()).isEqualTo("anna");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("rep");
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofHours(8));
        assertThat(stderr()).as("the key pair was new").contains("created one");
    }

    @Test
    void usesTheKeyPairAlreadyThereAndTheLifetimeAsked() {
        DevIdentity identity = DevIdentity.open(dataDir);

        int exitCode = run(new Properties(), "--lifetime=PT30M", "max", "--data-dir=" + dataDir);

        assertThat(exitCode).isZero();
        assertThat(stderr()).isEmpty();
        Jwt jwt = DevIdentityTest.decoderFor(identity).decode(stdout().strip());
        assertThat(jwt.getSubject()).isEqualTo("max");
        assertThat(jwt.getClaimAsString("team")).isEqualTo("north");
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void takesTheDataDirectoryFromTheLaunchersSystemProperty() {
        Properties properties = new Properties();
        properties.setProperty("pipeline.launcher.data-dir", dataDir.toString());

        assertThat(run(properties, "vera")).isZero();

        assertThat(DevIdentityTest.decoderFor(DevIdentity.open(dataDir)).decode(stdout().strip()).getSubject())
                .isEqualTo("vera");
    }

    @Test
    void withoutAUserListsTheDemoUsersOnStandardError() {
        int exitCode = run(new Properties(), "--data-dir=" + dataDir);

        assertThat(exitCode).isEqualTo(2);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).contains("Which user?")
                .containsPattern("anna +rep +north")
                .containsPattern("ada +admin +-")
                .containsPattern("telephony +integration +-");
        assertThat(dataDir.resolve("dev-identity")).doesNotExist();
    }

    @Test
    void refusesAnUnknownUserListingTheDemoUsers() {
        int exitCode = run(new Properties(), "mallory", "--data-dir=" + dataDir);

        assertThat(exitCode).isEqualTo(2);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).contains("Unknown user 'mallory'").containsPattern("sam +rep +south");
    }

    @Test
    void refusesWhatItDoesNotUnderstand() {
        assertThat(run(new Properties(), "anna", "--lifetime=8h", "--data-dir=" + dataDir)).isEqualTo(2);
        assertThat(run(new Properties(), "anna", "--lifetime=PT0S", "--data-dir=" + dataDir)).isEqualTo(2);
        assertThat(run(new Properties(), "anna", "--kafka-port=1", "--data-dir=" + dataDir)).isEqualTo(2);
        assertThat(run(new Properties(), "anna", "ben", "--data-dir=" + dataDir)).isEqualTo(2);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).contains("--lifetime must be an ISO-8601 duration", "Unknown option --kafka-port",
                "One user only");
    }

    @Test
    void helpGoesToStandardOutput() {
        assertThat(run(new Properties(), "--help")).isZero();

        assertThat(stdout()).contains("token <user>", "--data-dir", "--lifetime", "Authorization: Bearer", "telephony");
        assertThat(LauncherOptions.usage()).contains("token <user>");
    }

    private int run(Properties systemProperties, String... args) {
        try (PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return TokenCommand.run(args, systemProperties, stdout, stderr);
        }
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}

package dev.salespipeline.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

    @TempDir
    Path dataDir;

    @Test
    void restartOnTheSameDataDirectoryKeepsTheRows() {
        Path directory = dataDir.resolve("postgres");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(directory, 0)) {
            PersistenceProbe.insertRow(postgres.jdbcUrl("pipeline"), postgres.username(), postgres.password(),
                    "probe", "kept");
        }

        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(directory, 0)) {
            assertThat(PersistenceProbe.readRows(postgres.jdbcUrl("pipeline"), postgres.username(),
                    postgres.password(), "probe")).containsExactly("kept");
        }
    }

    @Test
    void aDurableServerFlushesCommits() throws SQLException {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir.resolve("durable"), 0)) {
            assertThat(setting(postgres, "fsync")).isEqualTo("on");
            assertThat(setting(postgres, "synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void aTemporaryServerTradesDurabilityForSpeedAndDeletesItsData() throws SQLException {
        Path directory;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.startTemporary()) {
            directory = postgres.dataDir();
            assertThat(setting(postgres, "synchronous_commit")).isEqualTo("off");
        }
        assertThat(Files.exists(directory)).isFalse();
    }

    @Test
    void createDatabaseIsIdempotentAndGivesTheDatabaseToTheApplicationRole() throws SQLException {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.startTemporary()) {
            String url = postgres.createDatabase("command_service");
            assertThat(postgres.createDatabase("command_service")).isEqualTo(url);

            try (Connection connection = DriverManager.getConnection(url, postgres.username(), postgres.password());
                 Statement statement = connection.createStatement();
                 ResultSet owner = statement.executeQuery(
                         "select pg_get_userbyid(datdba) from pg_database where datname = current_database()")) {
                owner.next();
                assertThat(owner.getString(1)).isEqualTo("pipeline");
            }
            assertThatThrownBy(() -> postgres.createDatabase("x; drop database pipeline"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static String setting(EmbeddedPostgres postgres, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("pipeline"), postgres.username(),
                postgres.password());
             Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery("show " + name)) {
            resultSet.next();
            return resultSet.getString(1);
        }
    }
}

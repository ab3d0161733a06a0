package dev.salespipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectionStringsTest {

    @Test
    void replacesTheDatabaseOfAJdbcUrlAndKeepsItsOptions() {
        assertThat(ConnectionStrings.jdbcUrl("jdbc:postgresql://localhost:5432/postgres", "query"))
                .isEqualTo("jdbc:postgresql://localhost:5432/query");
        assertThat(ConnectionStrings.jdbcUrl("jdbc:postgresql://localhost:5432/test?loggerLevel=OFF", "query"))
                .isEqualTo("jdbc:postgresql://localhost:5432/query?loggerLevel=OFF");
        assertThat(ConnectionStrings.jdbcUrl("jdbc:postgresql://db1:5432,db2:5432", "query"))
                .isEqualTo("jdbc:postgresql://db1:5432,db2:5432/query");
    }

    @Test
    void refusesWhatIsNotAPostgresUrlOrAPlainName() {
        assertThatThrownBy(() -> ConnectionStrings.jdbcUrl("jdbc:mysql://localhost/x", "query"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionStrings.jdbcUrl("jdbc:postgresql://localhost/x", "a-b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replacesTheDatabaseOfAMongoConnectionString() {
        assertThat(ConnectionStrings.mongoUri("mongodb://localhost:27017", "query"))
                .isEqualTo("mongodb://localhost:27017/query");
        assertThat(ConnectionStrings.mongoUri("mongodb://a:1,b:2/test?replicaSet=rs0", "query"))
                .isEqualTo("mongodb://a:1,b:2/query?replicaSet=rs0");
    }

    @Test
    void keepsAuthenticatingAgainstTheSameDatabase() {
        assertThat(ConnectionStrings.mongoUri("mongodb://ci:secret@mongo:27017/ci", "query"))
                .isEqualTo("mongodb://ci:secret@mongo:27017/query?authSource=ci");
        assertThat(ConnectionStrings.mongoUri("mongodb://ci:secret@mongo:27017", "query"))
                .isEqualTo("mongodb://ci:secret@mongo:27017/query?authSource=admin");
        assertThat(ConnectionStrings.mongoUri("mongodb://ci:secret@mongo/?authSource=users", "query"))
                .isEqualTo("mongodb://ci:secret@mongo/query?authSource=users");
    }
}

package dev.salespipeline.testsupport;

/** The servers of one {@link InfrastructureMode}, each started when asked for. */
interface Servers {

    /** What these servers are, for the log. */
    String description();

    KafkaServer startKafka();

    PostgresServer startPostgres();

    MongoServer startMongo();

    /** A running Kafka broker. */
    interface KafkaServer extends AutoCloseable {

        String bootstrapServers();

        @Override
        void close();
    }

    /** A running PostgreSQL server. */
    interface PostgresServer extends AutoCloseable {

        String jdbcUrl(String database);

        String createDatabase(String name);

        String username();

        String password();

        @Override
        void close();
    }

    /** A running MongoDB or MongoDB wire-protocol server. */
    interface MongoServer extends AutoCloseable {

        String uri(String database);

        @Override
        void close();
    }
}

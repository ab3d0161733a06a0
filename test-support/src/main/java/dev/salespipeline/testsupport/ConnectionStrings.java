package dev.salespipeline.testsupport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.salespipeline.infra.embedded.PostgresDatabases;

/** Pointing PostgreSQL JDBC URLs and MongoDB connection strings at another database of the same server. */
final class ConnectionStrings {

    private static final Pattern JDBC = Pattern.compile("(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?");
    private static final Pattern MONGO = Pattern.compile("(mongodb(?:\\+srv)?://)([^/?]*)(/[^?]*)?(\\?.*)?");

    private ConnectionStrings() {
    }

    /** {@code jdbc:postgresql://host:port/any?options} with {@code database} in place of {@code any}. */
    static String jdbcUrl(String serverUrl, String database) {
        Matcher matcher = JDBC.matcher(serverUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL of the form "
                    + "jdbc:postgresql://host:port/database: " + serverUrl);
        }
        return matcher.group(1) + "/" + PostgresDatabases.requireName(database) + nullToEmpty(matcher.group(3));
    }

    /**
     * {@code mongodb://hosts/any?options} with {@code database} in place of {@code any}. When the string carries
     * credentials, the database they authenticate against stays the same ({@code authSource}).
     */
    static String mongoUri(String serverUri, String database) {
        if (database == null || !database.matches("[A-Za-z0-9_-]{1,63}")) {
            throw new IllegalArgumentException("Not a plain MongoDB database name: " + database);
        }
        Matcher matcher = MONGO.matcher(serverUri);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a MongoDB connection string of the form "
                    + "mongodb://host:port/database: " + serverUri);
        }
        String hosts = matcher.group(2);
        String options = nullToEmpty(matcher.group(4));
        if (hosts.contains("@") && !options.contains("authSource=")) {
            String path = nullToEmpty(matcher.group(3));
            String authSource = path.length() > 1 ? path.substring(1) : "admin";
            options = (options.isEmpty() ? "?" : options + "&") + "authSource=" + authSource;
        }
        return matcher.group(1) + hosts + "/" + database + options;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}

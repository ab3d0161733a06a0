package dev.salespipeline.infra.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creating PostgreSQL databases and roles if they are absent, safely when several clients try at once. */
public final class PostgresDatabases {

    private static final Logger log = LoggerFactory.getLogger(PostgresDatabases.class);

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String DUPLICATE_OBJECT = "42710";
    // two concurrent CREATE DATABASE or CREATE ROLE can also collide on the catalog's unique index
    private static final String UNIQUE_VIOLATION = "23505";

    private PostgresDatabases() {
    }

    /**
     * Creates database {@code name} unless it exists.
     *
     * @param connection a connection to any database of the server, by a role allowed to create databases
     * @param name       a plain name: letters, digits and underscores
     * @param owner      the role to own the database, or {@code null} for the connected one
     * @return whether the database was created by this call
     */
    public static boolean createDatabaseIfAbsent(Connection connection, String name, String owner) throws SQLException {
        requireName(name);
        if (exists(connection, "select 1 from pg_database where datname = ?", name)) {
            return false;
        }
        String sql = "create database " + quote(name) + (owner == null ? "" : " owner " + quote(requireName(owner)));
        if (!executeUnlessDuplicate(connection, sql)) {
            return false;
        }
        log.info("Created PostgreSQL database {}", name);
        return true;
    }

    /**
     * Creates a login role allowed to create databases, unless a role of that name exists.
     *
     * @return whether the role was created by this call
     */
    public static boolean createLoginRoleIfAbsent(Connection connection, String name, String password) throws SQLException {
        requireName(name);
        if (exists(connection, "select 1 from pg_roles where rolname = ?", name)) {
            return false;
        }
        String sql = "create role " + quote(name) + " login createdb password '" + password.replace("'", "''") + "'";
        if (!executeUnlessDuplicate(connection, sql)) {
            return false;
        }
        log.info("Created PostgreSQL role {}", name);
        return true;
    }

    /**
     * Checks that {@code name} is a plain PostgreSQL name, which needs no quoting in a URL or in SQL.
     *
     * @return the name
     * @throws IllegalArgumentException if it is not
     */
    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Not a plain PostgreSQL name (letters, digits and underscores, at most 63): " + name);
        }
        return name;
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet resultSet = statement.executeQuery()) {
                return resultSet.next();
            }
        }
    }

    private static boolean executeUnlessDuplicate(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            return true;
        } catch (SQLException e) {
            String state = e.getSQLState();
            if (DUPLICATE_DATABASE.equals(state) || DUPLICATE_OBJECT.equals(state) || UNIQUE_VIOLATION.equals(state)) {
                return false;
            }
            throw e;
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier + '"';
    }
}

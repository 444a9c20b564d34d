package com.collectwise.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One real PostgreSQL server for all PostgreSQL tests of a JVM (zonky embedded binaries, no install).
 * zonky stops it in its own shutdown hook, never a test: Spring caches contexts that still use it.
 */
final class EmbeddedPostgres {

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres() {
    }

    static synchronized String jdbcUrl(String database) {
        if (server == null) {
            try {
                server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (var c = server.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + database);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return server.getJdbcUrl("postgres", database);
    }
}

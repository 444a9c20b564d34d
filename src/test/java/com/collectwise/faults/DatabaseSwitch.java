package com.collectwise.faults;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Plays a database outage: while {@link #down} is set, every new connection fails as a pool fails when
 * the server is unreachable. Wraps the application's DataSource bean, so the engine and the domain
 * code both lose it.
 */
@Configuration
public class DatabaseSwitch {

    static volatile boolean down;

    @Bean
    static BeanPostProcessor switchableDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource dataSource && !(bean instanceof Switchable)
                    ? new Switchable(dataSource) : bean;
            }
        };
    }

    static final class Switchable extends DelegatingDataSource {

        Switchable(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            check();
            return super.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            check();
            return super.getConnection(username, password);
        }

        private static void check() throws SQLTransientConnectionException {
            if (down) {
                throw new SQLTransientConnectionException("Connection is not available (test outage)", "08001");
            }
        }
    }
}

package com.collectwise.customers;

import com.collectwise.kernel.Language;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CustomerRepository {

    private final JdbcClient jdbc;

    public CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the id exists */
    public void insert(Customer c) {
        jdbc.sql("""
                INSERT INTO customers (customer_id, name, segment, country, email, phone, collector,
                                       decision_maker, created_at, language)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(c.customerId(), c.name(), c.segment().name(), c.country(), c.email(), c.phone(),
                c.collector(), c.decisionMaker(), Timestamp.from(c.createdAt()), c.language().code())
            .update();
    }

    public Optional<Customer> find(String customerId) {
        return jdbc.sql("SELECT * FROM customers WHERE customer_id = ?").param(customerId)
            .query(CustomerRepository::map).optional();
    }

    public boolean exists(String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM customers WHERE customer_id = ?").param(customerId)
            .query(Integer.class).single() > 0;
    }

    static Customer map(ResultSet rs, int row) throws SQLException {
        return new Customer(rs.getString("customer_id"), rs.getString("name"),
            Segment.valueOf(rs.getString("segment")), trim(rs.getString("country")), rs.getString("email"),
            rs.getString("phone"), rs.getString("collector"), rs.getString("decision_maker"),
            rs.getTimestamp("created_at").toInstant(), Language.ofCode(rs.getString("language")).orElse(null));
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}

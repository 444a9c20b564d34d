package com.collectwise.customers;

import com.collectwise.kernel.Language;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.collectwise.kernel.TransactionCache;

@Repository
public class CustomerRepository {

    private final JdbcClient jdbc;

    public CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the id exists */
    public void insert(Customer c) {
        TransactionCache.forget();
        jdbc.sql("""
                INSERT INTO customers (customer_id, name, segment, country, email, phone, collector,
                                       decision_maker, created_at, language)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(c.customerId(), c.name(), c.segment().name(), c.country(), c.email(), c.phone(),
                c.collector(), c.decisionMaker(), Timestamp.from(c.createdAt()), c.language().code())
            .update();
    }

    /** Read once per transaction (a payment or a registration asks for the customer in several steps). */
    public Optional<Customer> find(String customerId) {
        return TransactionCache.get(new Key(customerId), () -> jdbc.sql("SELECT * FROM customers WHERE customer_id = ?")
            .param(customerId).query(CustomerRepository::map).optional());
    }

    private record Key(String customerId) implements TransactionCache.RowKey {
    }

    public boolean exists(String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM customers WHERE customer_id = ?").param(customerId)
            .query(Integer.class).single() > 0;
    }

    /** Locks the customer's row (if any) until the transaction ends: the money and calls of one customer go one at a time. */
    public void lock(String customerId) {
        TransactionCache.forget();
        // the locked row is the newest there is: kept for find(), which the account replay asks next
        Optional<Customer> locked = jdbc.sql("SELECT * FROM customers WHERE customer_id = ? FOR UPDATE")
            .param(customerId).query(CustomerRepository::map).optional();
        TransactionCache.get(new Key(customerId), () -> locked);
    }

    /**
     * Locks the rows of several customers in the order of their ids (each once): two transactions that each lock
     * several customers (two imports, an import's batch and a payment) then never wait for each other in a circle.
     */
    public void lockInOrder(java.util.Collection<String> customerIds) {
        new java.util.TreeSet<>(customerIds).forEach(this::lock);
    }

    /** The customer's country (empty: unknown customer or none recorded). */
    public Optional<String> country(String customerId) {
        return jdbc.sql("SELECT country FROM customers WHERE customer_id = ?").param(customerId)
            .query(String.class).optional();
    }

    /** The customer agreement's consent to pass personal data to third parties (default: no). */
    public boolean sharesPersonalData(String customerId) {
        return jdbc.sql("SELECT share_personal_data FROM customers WHERE customer_id = ?").param(customerId)
            .query(Boolean.class).optional().orElse(false);
    }

    /** Locks the customer's row until the transaction ends: PATCHes of one customer run one after the other. */
    public Optional<Customer> findForUpdate(String customerId) {
        TransactionCache.forget();
        List<String> locked = jdbc.sql("SELECT customer_id FROM customers WHERE customer_id = ? FOR UPDATE")
            .param(customerId).query(String.class).list();
        return locked.isEmpty() ? Optional.empty() : find(customerId);
    }

    /**
     * Address, contacts and consent. Customers whose contacts were never set over the API get them derived from
     * the registration fields: the e-mail and phone as the finance contact, the decision maker by name.
     */
    public CustomerProfile profile(Customer c) {
        record Extra(Address address, boolean share, boolean contactsRecorded) {
        }
        Extra extra = jdbc.sql("""
                SELECT address_street, address_city, address_region, address_postal_code, share_personal_data,
                       contacts_recorded FROM customers WHERE customer_id = ?""")
            .param(c.customerId())
            .query((rs, n) -> new Extra(new Address(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4)), rs.getBoolean(5), rs.getBoolean(6)))
            .single();
        List<CustomerContact> contacts;
        if (extra.contactsRecorded()) {
            contacts = jdbc.sql("SELECT role, name, email, phone FROM customer_contacts WHERE customer_id = ? ORDER BY seq")
                .param(c.customerId())
                .query((rs, n) -> new CustomerContact(ContactRole.valueOf(rs.getString(1)), rs.getString(2),
                    rs.getString(3), rs.getString(4)))
                .list();
        } else {
            contacts = new ArrayList<>();
            if (c.email() != null || c.phone() != null) {
                contacts.add(new CustomerContact(ContactRole.FINANCE_CONTACT, null, c.email(), c.phone()));
            }
            if (c.decisionMaker() != null) {
                contacts.add(new CustomerContact(ContactRole.DECISION_MAKER, c.decisionMaker(), null, null));
            }
        }
        return new CustomerProfile(extra.address().isEmpty() ? null : extra.address(), List.copyOf(contacts),
            extra.share());
    }

    /** Writes the changeable master data; the contacts only when {@code contactsChanged}. */
    public void update(Customer c, CustomerProfile p, boolean contactsChanged) {
        TransactionCache.forget();
        Address a = p.address() == null ? new Address(null, null, null, null) : p.address();
        jdbc.sql("""
                UPDATE customers SET segment = ?, email = ?, phone = ?, collector = ?, decision_maker = ?,
                    share_personal_data = ?, address_street = ?, address_city = ?, address_region = ?,
                    address_postal_code = ?
                WHERE customer_id = ?""")
            .params(c.segment().name(), c.email(), c.phone(), c.collector(), c.decisionMaker(), p.sharePersonalData(),
                a.street(), a.city(), a.region(), a.postalCode(), c.customerId())
            .update();
        if (contactsChanged) {
            jdbc.sql("DELETE FROM customer_contacts WHERE customer_id = ?").param(c.customerId()).update();
            int seq = 0;
            for (CustomerContact contact : p.contacts()) {
                jdbc.sql("INSERT INTO customer_contacts (customer_id, seq, role, name, email, phone) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(c.customerId(), ++seq, contact.role().name(), contact.name(), contact.email(),
                        contact.phone())
                    .update();
            }
            jdbc.sql("UPDATE customers SET contacts_recorded = TRUE WHERE customer_id = ?").param(c.customerId())
                .update();
        }
    }

    public void recordChange(String customerId, CustomerChange change) {
        TransactionCache.forget();
        jdbc.sql("""
                INSERT INTO customer_changes (customer_id, field, old_value, new_value, changed_by, changed_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
            .params(customerId, change.field(), cut(change.from()), cut(change.to()), change.changedBy(),
                Timestamp.from(change.changedAt()))
            .update();
    }

    /** The change history, newest first. */
    public List<CustomerChange> changes(String customerId) {
        return jdbc.sql("""
                SELECT field, old_value, new_value, changed_by, changed_at FROM customer_changes
                WHERE customer_id = ? ORDER BY changed_at DESC, id DESC""")
            .param(customerId)
            .query((rs, n) -> new CustomerChange(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant()))
            .list();
    }

    /** A change of segment: the day's instant and the segments before and after. */
    public record SegmentChange(java.time.Instant at, Segment from, Segment to) {
    }

    /** The customer's segment changes, oldest first (the late-fee policy follows the segment in force each day). */
    public List<SegmentChange> segmentChanges(String customerId) {
        return jdbc.sql("""
                SELECT changed_at, old_value, new_value FROM customer_changes WHERE customer_id = ? AND field = ?
                ORDER BY changed_at, id""")
            .params(customerId, CustomerService.SEGMENT)
            .query((rs, n) -> new SegmentChange(rs.getTimestamp(1).toInstant(), Segment.valueOf(rs.getString(2)),
                Segment.valueOf(rs.getString(3))))
            .list();
    }

    /** The e-mail addresses of the contacts recorded for the customer (none when never recorded over the API). */
    public List<String> contactEmails(String customerId) {
        return jdbc.sql("SELECT email FROM customer_contacts WHERE customer_id = ? AND email IS NOT NULL")
            .param(customerId).query(String.class).list();
    }

    /** The phone numbers of the customer's contacts (the customer's own phone is on its row). */
    public List<String> contactPhones(String customerId) {
        return jdbc.sql("SELECT phone FROM customer_contacts WHERE customer_id = ? AND phone IS NOT NULL")
            .param(customerId).query(String.class).list();
    }

    /** The customers named that have no phone number at all: none on their row and none of a contact. */
    public List<String> withoutPhone(java.util.Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT c.customer_id FROM customers c WHERE c.customer_id IN (:customers)
                AND (c.phone IS NULL OR TRIM(c.phone) = '')
                AND NOT EXISTS (SELECT 1 FROM customer_contacts k WHERE k.customer_id = c.customer_id
                                AND k.phone IS NOT NULL AND TRIM(k.phone) <> '')
                ORDER BY c.customer_id""")
            .param("customers", customerIds).query(String.class).list();
    }

    /** Every owner collector with the customers it owns (customer ids in order), owners in alphabetical order. */
    public java.util.Map<String, List<String>> customersPerCollector() {
        java.util.Map<String, List<String>> owned = new java.util.TreeMap<>();
        jdbc.sql("SELECT collector, customer_id FROM customers WHERE collector IS NOT NULL ORDER BY collector, customer_id")
            .query(rs -> {
                owned.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>()).add(rs.getString(2));
            });
        return owned;
    }

    /** The collector of each customer named (unknown customers are left out). */
    public java.util.Map<String, String> collectorsOf(java.util.Collection<String> customerIds) {
        java.util.Map<String, String> collectors = new java.util.HashMap<>();
        if (!customerIds.isEmpty()) {
            jdbc.sql("SELECT customer_id, collector FROM customers WHERE customer_id IN (:customers)")
                .param("customers", customerIds).query(rs -> {
                    collectors.put(rs.getString(1), rs.getString(2));
                });
        }
        return collectors;
    }

    /**
     * The collector of each customer named as it was at {@code instant}: today's, unless it was reassigned since (then
     * the one the first reassignment after the instant took it from, from the customer's change history).
     */
    public java.util.Map<String, String> collectorsOf(java.util.Collection<String> customerIds, java.time.Instant instant) {
        java.util.Map<String, String> collectors = collectorsOf(customerIds);
        if (!customerIds.isEmpty()) {
            // newest first: the last one written is the first reassignment after the instant
            jdbc.sql("""
                    SELECT customer_id, old_value FROM customer_changes
                    WHERE field = :field AND changed_at >= :at AND customer_id IN (:customers)
                    ORDER BY changed_at DESC, id DESC""")
                .param("field", CustomerService.COLLECTOR).param("at", Timestamp.from(instant))
                .param("customers", customerIds).query(rs -> {
                    String then = rs.getString(2);
                    if (then == null || then.isBlank()) {
                        collectors.remove(rs.getString(1));
                    } else {
                        collectors.put(rs.getString(1), then);
                    }
                });
        }
        return collectors;
    }

    /** How many changes of the field the customer's history holds. */
    public long countChanges(String customerId, String field) {
        return jdbc.sql("SELECT COUNT(*) FROM customer_changes WHERE customer_id = ? AND field = ?")
            .params(customerId, field).query(Long.class).single();
    }

    /** When the field last changed, if ever. */
    public Optional<java.time.Instant> lastChange(String customerId, String field) {
        return jdbc.sql("SELECT MAX(changed_at) FROM customer_changes WHERE customer_id = ? AND field = ?")
            .params(customerId, field).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /** When the customer's finance contact last changed to someone new, if ever. */
    public Optional<java.time.Instant> lastFinanceContactChange(String customerId) {
        return jdbc.sql("SELECT MAX(changed_at) FROM customer_changes WHERE customer_id = ? AND field = ?")
            .params(customerId, CustomerService.NEW_FINANCE_CONTACT).query(Timestamp.class).optional()
            .map(Timestamp::toInstant);
    }

    private static String cut(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
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

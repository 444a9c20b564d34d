package com.collectwise.customers;

import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.collectwise.api.ConflictException;
import com.collectwise.api.NotFoundException;
import com.collectwise.kernel.BusinessClock;

/**
 * Registers customers sent by the ERP and keeps their master data current (PATCH): every change is recorded with
 * who and when, and announced as {@link CustomerChanged} to the parts that keep copies. The collector must be a
 * user who can work the cases.
 */
@Service
public class CustomerService {

    // field names of the API body and of the change history
    public static final String ADDRESS = "address";
    public static final String CONTACTS = "contacts";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String COLLECTOR = "collector";
    public static final String SEGMENT = "segment";
    public static final String DECISION_MAKER = "decisionMaker";
    public static final String SHARE_PERSONAL_DATA = "sharePersonalData";
    /** History row beside "contacts" when a finance contact is someone new: the danger signal's record. */
    public static final String NEW_FINANCE_CONTACT = "financeContact";

    private final CustomerRepository customers;
    private final BusinessClock clock;
    private final ApplicationEventPublisher events;

    public CustomerService(CustomerRepository customers, BusinessClock clock,
                           ApplicationEventPublisher events) {
        this.customers = customers;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Registers a checked customer (see {@link CustomerRequest}), stamped with the time of registration.
     *
     * @throws ConflictException when the customer id is taken
     */
    @Transactional
    public Customer register(Customer request) {
        String customerId = request.customerId();
        if (customers.exists(customerId)) {
            throw new ConflictException("Customer " + customerId + " exists already");
        }
        Customer customer = new Customer(customerId, request.name(), request.segment(), request.country(),
            request.email(), request.phone(), request.collector(), request.decisionMaker(), clock.now(),
            request.language());
        try {
            customers.insert(customer);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("Customer " + customerId + " exists already");
        }
        events.publishEvent(new CustomerRegistered(customerId));
        return customer;
    }

    /**
     * Changes the fields the patch names (checked at the edge: see {@link CustomerPatch}); {@code contacts} replaces
     * the whole list. Fields whose value does not change are not recorded, so a replayed PATCH records nothing.
     *
     * @return the changes recorded now (empty for a replay)
     * @throws NotFoundException when the customer is unknown
     */
    @Transactional
    public List<CustomerChange> update(String customerId, CustomerPatch patch, String user) {
        Customer before = customers.findForUpdate(customerId)
            .orElseThrow(() -> new NotFoundException("There is no customer " + customerId));
        CustomerProfile profileBefore = customers.profile(before);

        String email = patch.email() != null ? patch.email().orElse(null) : before.email();
        String phone = patch.phone() != null ? patch.phone().orElse(null) : before.phone();
        String decisionMaker = patch.decisionMaker() != null ? patch.decisionMaker().orElse(null)
            : before.decisionMaker();
        String collector = patch.collector() != null ? patch.collector() : before.collector();
        Segment segment = patch.segment() != null ? patch.segment() : before.segment();
        boolean share = patch.sharePersonalData() != null ? patch.sharePersonalData()
            : profileBefore.sharePersonalData();
        Address address = patch.address() != null ? patch.address().orElse(null) : profileBefore.address();
        List<CustomerContact> contacts = patch.contacts() != null ? patch.contacts().orElse(List.of())
            : profileBefore.contacts();

        Customer after = new Customer(before.customerId(), before.name(), segment, before.country(), email, phone,
            collector, decisionMaker, before.createdAt());
        CustomerProfile profileAfter = new CustomerProfile(address, contacts, share);
        Instant now = clock.now();
        List<CustomerChange> changes = new ArrayList<>();
        diff(changes, ADDRESS, display(profileBefore.address()), display(address), user, now);
        boolean contactsChanged = patch.contacts() != null && !profileBefore.contacts().equals(contacts);
        if (contactsChanged) {
            changes.add(new CustomerChange(CONTACTS, display(profileBefore.contacts()), display(contacts), user, now));
        }
        diff(changes, EMAIL, before.email(), email, user, now);
        diff(changes, PHONE, before.phone(), phone, user, now);
        diff(changes, COLLECTOR, before.collector(), collector, user, now);
        diff(changes, SEGMENT, before.segment().name(), segment.name(), user, now);
        diff(changes, DECISION_MAKER, before.decisionMaker(), decisionMaker, user, now);
        diff(changes, SHARE_PERSONAL_DATA, String.valueOf(profileBefore.sharePersonalData()), String.valueOf(share),
            user, now);
        if (changes.isEmpty()) {
            return List.of();
        }
        CustomerChanged event = new CustomerChanged(before, after, profileBefore, profileAfter, List.copyOf(changes),
            user);
        if (contactsChanged && !event.newFinanceContacts().isEmpty()) {
            changes.add(new CustomerChange(NEW_FINANCE_CONTACT, display(profileBefore.financeContacts()),
                display(event.newFinanceContacts()), user, now));
            event = new CustomerChanged(before, after, profileBefore, profileAfter, List.copyOf(changes), user);
        }
        customers.update(after, profileAfter, contactsChanged);
        for (CustomerChange change : changes) {
            customers.recordChange(customerId, change);
        }
        events.publishEvent(event);
        return List.copyOf(changes);
    }

    private static void diff(List<CustomerChange> changes, String field, String from, String to, String user,
                             Instant now) {
        if (!Objects.equals(from, to)) {
            changes.add(new CustomerChange(field, from, to, user, now));
        }
    }

    private static String display(Address a) {
        return a == null ? null : a.display();
    }

    private static String display(List<CustomerContact> contacts) {
        return contacts.isEmpty() ? null : contacts.stream().map(CustomerContact::display).collect(Collectors.joining("; "));
    }
}

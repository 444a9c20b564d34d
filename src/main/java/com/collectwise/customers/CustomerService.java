package com.collectwise.customers;

import com.collectwise.kernel.Language;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.collectwise.api.ConflictException;
import com.collectwise.api.FieldReader;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.security.UserDirectory;

/** Registers customers sent by the ERP; the collector must be a user who can work the cases. */
@Service
public class CustomerService {

    private final CustomerRepository customers;
    private final UserDirectory users;
    private final BusinessClock clock;

    public CustomerService(CustomerRepository customers, UserDirectory users, BusinessClock clock) {
        this.customers = customers;
        this.users = users;
        this.clock = clock;
    }

    /**
     * @throws com.collectwise.api.InvalidRequestException listing every bad field
     * @throws ConflictException when the customer id is taken
     */
    @Transactional
    public Customer register(FieldReader in) {
        String customerId = in.key("customerId", true);
        String name = in.text("name", true, 200);
        Segment segment = in.enumValue("segment", Segment.class, Segment.DOMESTIC);
        String country = in.country("country", false);
        String email = in.email("email", false);
        String phone = in.phone("phone", false);
        String collector = in.userId("collector", true);
        String decisionMaker = in.text("decisionMaker", false, 200);
        Language language = null;
        String languageCode = in.text("language", false, 5);
        if (languageCode != null) {
            language = Language.ofCode(languageCode).orElse(null);
            if (language == null) {
                in.reject("language", "must be zh or en");
            }
        }
        if (collector != null && !users.exists(collector)) {
            in.reject("collector", "is not a known user");
        }
        in.throwIfInvalid();
        if (customers.exists(customerId)) {
            throw new ConflictException("Customer " + customerId + " exists already");
        }
        Customer customer = new Customer(customerId, name, segment, country, email, phone, collector, decisionMaker,
            clock.now(), language);
        try {
            customers.insert(customer);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("Customer " + customerId + " exists already");
        }
        return customer;
    }
}

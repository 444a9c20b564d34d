package com.collectwise.customers;

import com.collectwise.api.Country;
import com.collectwise.api.Email;
import com.collectwise.api.Key;
import com.collectwise.api.Phone;
import com.collectwise.api.Text;
import com.collectwise.api.UserId;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Language;
import com.collectwise.kernel.Segment;

import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /api/customers}; the segment defaults to DOMESTIC. */
record CustomerRequest(
    @NotNull(message = "is required") @Key String customerId,
    @NotNull(message = "is required") @Text(max = 200) String name,
    Segment segment,
    @Country String country,
    @Email String email,
    @Phone String phone,
    @NotNull(message = "is required") @UserId @KnownUser @CaseWorker String collector,
    @Text(max = 200) String decisionMaker,
    @LanguageCode String language) {

    /** The customer to register; the service stamps the time of registration. */
    Customer toCustomer() {
        return new Customer(customerId, name, segment == null ? Segment.DOMESTIC : segment, country, email, phone,
            collector, decisionMaker, null, language == null ? null : Language.ofCode(language).orElseThrow());
    }
}

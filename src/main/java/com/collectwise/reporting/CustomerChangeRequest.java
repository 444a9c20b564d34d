package com.collectwise.reporting;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Optional;

import com.collectwise.api.Email;
import com.collectwise.api.NotCleared;
import com.collectwise.api.Phone;
import com.collectwise.api.Text;
import com.collectwise.api.UserId;
import com.collectwise.customers.Address;
import com.collectwise.customers.ContactRole;
import com.collectwise.customers.CustomerContact;
import com.collectwise.customers.CustomerPatch;
import com.collectwise.kernel.Segment;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code PATCH /api/customers/{customerId}}. A field left out is null and not changed; a field sent as
 * null or "" is an empty Optional and clears it (the collector, segment and consent cannot be cleared). A collector
 * other than the customer's current one must be a known user who works the calls ({@code customers.CallWorkers},
 * checked by the controller against the stored owner): the current one sent again is no change and is not judged
 * again, so an ERP that sends the whole record is not refused after the owner left the groups.
 */
@NotCleared(fields = {"collector", "segment"})
@NotCleared(fields = "sharePersonalData", message = "must be true or false")
record CustomerChangeRequest(
    Optional<@Valid AddressRequest> address,
    Optional<@Size(max = CustomerChangeRequest.MAX_CONTACTS, message = "must list between 0 and "
        + CustomerChangeRequest.MAX_CONTACTS + " entries")
        List<@NotNull(message = "must be an object") @Valid ContactRequest>> contacts,
    Optional<@Email String> email,
    Optional<@Phone String> phone,
    Optional<@UserId String> collector,
    Optional<Segment> segment,
    Optional<@Text(max = 200) String> decisionMaker,
    Optional<Boolean> sharePersonalData) {

    static final int MAX_CONTACTS = 20;

    /** {@code address: {street, city, region, postalCode}}; an address with none of them clears it. */
    record AddressRequest(
        @Text(max = 300) String street,
        @Text(max = 100) String city,
        @Text(max = 100) String region,
        @Text(max = 20) String postalCode) {

        Optional<Address> toAddress() {
            Address address = new Address(street, city, region, postalCode);
            return address.isEmpty() ? Optional.empty() : Optional.of(address);
        }
    }

    /** One of {@code contacts: [{role, name, email, phone}]}: a person, or a way to reach one. */
    @NamesSomeone
    record ContactRequest(
        @NotNull(message = "is required") ContactRole role,
        @Text(max = 200) String name,
        @Email String email,
        @Phone String phone) {

        CustomerContact toContact() {
            return new CustomerContact(role, name, email, phone);
        }
    }

    CustomerPatch toPatch() {
        return new CustomerPatch(
            address == null ? null : address.flatMap(AddressRequest::toAddress),
            contacts == null ? null : Optional.of(contacts.map(list -> list.stream().map(ContactRequest::toContact)
                .toList()).orElse(List.of())),
            email, phone, collector == null ? null : collector.orElseThrow(),
            segment == null ? null : segment.orElseThrow(), decisionMaker,
            sharePersonalData == null ? null : sharePersonalData.orElseThrow());
    }

    /** A contact needs a name, an e-mail or a phone number (reported on {@code name}). */
    @Documented
    @Constraint(validatedBy = NamesSomeone.Check.class)
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface NamesSomeone {

        String message() default "a contact needs a name, an e-mail or a phone number";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Check implements ConstraintValidator<NamesSomeone, ContactRequest> {
            @Override
            public boolean isValid(ContactRequest contact, ConstraintValidatorContext context) {
                if (contact == null || contact.name() != null || contact.email() != null || contact.phone() != null) {
                    return true;
                }
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("name").addConstraintViolation();
                return false;
            }
        }
    }
}

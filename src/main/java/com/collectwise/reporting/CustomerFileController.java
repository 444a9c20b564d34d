package com.collectwise.reporting;

import java.security.Principal;

import jakarta.validation.Valid;

import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.collectwise.api.InvalidRequestException;
import com.collectwise.api.NotFoundException;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.customers.CustomerService;

/**
 * GET /api/customers/{customerId}: the customer file (integration, collectors, supervisors, finance);
 * PATCH: changes its master data (integration, supervisors) and answers the file as it is afterwards.
 */
@RestController
public class CustomerFileController {

    private final CustomerFileService files;
    private final CustomerService customers;
    private final CustomerRepository customerRecords;

    public CustomerFileController(CustomerFileService files, CustomerService customers,
                                  CustomerRepository customerRecords) {
        this.files = files;
        this.customers = customers;
        this.customerRecords = customerRecords;
    }

    @GetMapping("/api/customers/{customerId}")
    public CustomerFile file(@PathVariable String customerId) {
        return files.file(customerId);
    }

    /** An unknown customer is 404 before the fields of the body are judged: there is nothing to fix in them. */
    @PatchMapping("/api/customers/{customerId}")
    public CustomerFile change(@PathVariable String customerId, @Valid @RequestBody CustomerChangeRequest request,
                               BindingResult body, Principal user) {
        if (body.hasErrors()) {
            if (!customerRecords.exists(customerId)) {
                throw new NotFoundException("There is no customer " + customerId);
            }
            throw InvalidRequestException.of(body);
        }
        customers.update(customerId, request.toPatch(), user.getName());
        return files.file(customerId);
    }
}

package com.collectwise.reporting;

import java.security.Principal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.collectwise.api.FieldReader;
import com.collectwise.customers.CustomerService;

/**
 * GET /api/customers/{customerId}: the customer file (integration, collectors, supervisors, finance);
 * PATCH: changes its master data (integration, supervisors) and answers the file as it is afterwards.
 */
@RestController
public class CustomerFileController {

    private final CustomerFileService files;
    private final CustomerService customers;

    public CustomerFileController(CustomerFileService files, CustomerService customers) {
        this.files = files;
        this.customers = customers;
    }

    @GetMapping("/api/customers/{customerId}")
    public CustomerFile file(@PathVariable String customerId) {
        return files.file(customerId);
    }

    @PatchMapping("/api/customers/{customerId}")
    public CustomerFile change(@PathVariable String customerId, @RequestBody(required = false) String body,
                               Principal user) {
        customers.update(customerId, FieldReader.parse(body), user.getName());
        return files.file(customerId);
    }
}

package com.collectwise.reporting;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/customers/{customerId}: the customer file (integration, collectors, supervisors, finance). */
@RestController
public class CustomerFileController {

    private final CustomerFileService files;

    public CustomerFileController(CustomerFileService files) {
        this.files = files;
    }

    @GetMapping("/api/customers/{customerId}")
    public CustomerFile file(@PathVariable String customerId) {
        return files.file(customerId);
    }
}

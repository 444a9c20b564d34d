package com.collectwise.customers;

import com.collectwise.kernel.Customer;
import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import com.collectwise.api.FieldReader;

@RestController
@RequestMapping("/api/customers")
public class CustomerController {

    private final CustomerService customers;

    public CustomerController(CustomerService customers) {
        this.customers = customers;
    }

    /** The body is read field by field so that every mistake is reported, not only the first. */
    @PostMapping
    public ResponseEntity<Customer> register(@RequestBody(required = false) String body) {
        Customer customer = customers.register(FieldReader.parse(body));
        URI location = UriComponentsBuilder.fromPath("/api/customers/{id}").buildAndExpand(customer.customerId())
            .encode().toUri();
        return ResponseEntity.created(location).body(customer);
    }
}

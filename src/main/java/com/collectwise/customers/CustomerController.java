package com.collectwise.customers;

import com.collectwise.kernel.Customer;
import java.net.URI;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;


@RestController
@RequestMapping("/api/customers")
public class CustomerController {

    private final CustomerService customers;

    public CustomerController(CustomerService customers) {
        this.customers = customers;
    }

    /** Every bad field of the body is reported at once, not only the first. */
    @PostMapping
    public ResponseEntity<Customer> register(@Valid @RequestBody CustomerRequest request) {
        // money kept for this customer and posted at the same moment is looked for again after the commit
        Customer customer = com.collectwise.kernel.AfterTransaction.around(() -> customers.register(request.toCustomer()));
        URI location = UriComponentsBuilder.fromPath("/api/customers/{id}").buildAndExpand(customer.customerId())
            .encode().toUri();
        return ResponseEntity.created(location).body(customer);
    }
}

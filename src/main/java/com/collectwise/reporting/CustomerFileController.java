package com.collectwise.reporting;

import java.security.Principal;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;

import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.collectwise.api.FieldProblem;
import com.collectwise.api.InvalidRequestException;
import com.collectwise.api.NotFoundException;
import com.collectwise.customers.CallWorkers;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.customers.CustomerService;
import com.collectwise.kernel.Customer;

/**
 * GET /api/customers/{customerId}: the customer file (integration, collectors, supervisors, finance);
 * PATCH: changes its master data (integration, supervisors) and answers the file as it is afterwards.
 */
@RestController
public class CustomerFileController {

    private final CustomerFileService files;
    private final CustomerService customers;
    private final CustomerRepository customerRecords;

    private final CallWorkers callWorkers;

    public CustomerFileController(CustomerFileService files, CustomerService customers,
                                  CustomerRepository customerRecords, CallWorkers callWorkers) {
        this.callWorkers = callWorkers;
        this.files = files;
        this.customers = customers;
        this.customerRecords = customerRecords;
    }

    @GetMapping("/api/customers/{customerId}")
    public CustomerFile file(@PathVariable String customerId) {
        return files.file(customerId);
    }

    /**
     * An unknown customer is 404 before the fields of the body are judged: there is nothing to fix in them. A new
     * owner must be a known user who works the calls; the current owner sent again (an ERP sends the whole record)
     * is no change and is not judged again, even when that user has left the groups since (the supervisors' list of
     * customers needing an owner shows the customer, and its calls wait in the collectors' queue).
     */
    @PatchMapping("/api/customers/{customerId}")
    public CustomerFile change(@PathVariable String customerId, @Valid @RequestBody CustomerChangeRequest request,
                               BindingResult body, Principal user) {
        List<FieldProblem> owner = newOwnerProblems(customerId, request);
        if (body.hasErrors() || !owner.isEmpty()) {
            if (!customerRecords.exists(customerId)) {
                throw new NotFoundException("There is no customer " + customerId);
            }
            throw InvalidRequestException.of(body, owner);
        }
        customers.update(customerId, request.toPatch(), user.getName());
        return files.file(customerId);
    }

    /** The problem of a collector who is not the customer's current owner and may not own customers. */
    private List<FieldProblem> newOwnerProblems(String customerId, CustomerChangeRequest request) {
        if (request == null || request.collector() == null || request.collector().isEmpty()) {
            return List.of();
        }
        String named = request.collector().get();
        Optional<Customer> customer = customerRecords.find(customerId);
        if (customer.isEmpty() || named.equals(customer.get().collector())) {
            return List.of();
        }
        return callWorkers.refusalAsOwner(named).map(m -> List.of(new FieldProblem(CustomerService.COLLECTOR, m)))
            .orElse(List.of());
    }
}

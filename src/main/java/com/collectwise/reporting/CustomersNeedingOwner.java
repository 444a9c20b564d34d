package com.collectwise.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.collectwise.customers.CallWorkers;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.InvoiceRepository;

/**
 * GET /api/reports/customers-needing-owner (supervisors, finance): the customers whose owner (collector) cannot work
 * the calls now (DOMAIN.md 1): a user deleted, or in none of collectors, supervisors, camunda-admin. Their calls wait
 * in the collectors' queue until a supervisor gives them a new owner (PATCH /api/customers/{id}). As of now: the
 * identity store has no history. Customers with open cases first, then by customer id.
 */
@RestController
public class CustomersNeedingOwner {

    /**
     * @param customers the customers, those with open cases first
     */
    public record Report(List<Line> customers) {
    }

    /**
     * @param reason          UNKNOWN_USER (deleted) or NOT_IN_CALL_GROUPS
     * @param collectorGroups the groups the collector is in now (empty for an unknown user)
     * @param openCases       the customer's open cases (invoices), whose calls nobody gets
     */
    public record Line(String customerId, String name, String collector, String reason, List<String> collectorGroups,
                       int openCases) {
    }

    private final CallWorkers workers;
    private final CustomerRepository customers;
    private final InvoiceRepository invoices;

    public CustomersNeedingOwner(CallWorkers workers, CustomerRepository customers, InvoiceRepository invoices) {
        this.workers = workers;
        this.customers = customers;
        this.invoices = invoices;
    }

    @GetMapping("/api/reports/customers-needing-owner")
    public Report report() {
        List<Line> lines = new ArrayList<>();
        for (Map.Entry<CallWorkers.Unable, List<String>> owner : workers.ownersWhoCannotWorkCalls().entrySet()) {
            for (String customerId : owner.getValue()) {
                String name = customers.find(customerId).map(Customer::name).orElse(customerId);
                lines.add(new Line(customerId, name, owner.getKey().userId(), owner.getKey().reason().name(),
                    owner.getKey().groups(), invoices.findOpenByCustomer(customerId).size()));
            }
        }
        lines.sort(java.util.Comparator.comparing((Line l) -> l.openCases() == 0).thenComparing(Line::customerId));
        return new Report(lines);
    }
}

package com.collectwise.handoff;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CreditStatusController {

    private final CreditStatusService creditStatus;

    public CreditStatusController(CreditStatusService creditStatus) {
        this.creditStatus = creditStatus;
    }

    @GetMapping("/api/customers/{customerId}/credit-status")
    public CreditStatus status(@PathVariable String customerId) {
        return creditStatus.status(customerId);
    }
}

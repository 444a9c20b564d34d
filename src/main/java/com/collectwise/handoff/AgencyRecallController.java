package com.collectwise.handoff;

import java.security.Principal;
import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;


@RestController
public class AgencyRecallController {

    private final AgencyRecallService recalls;

    public AgencyRecallController(AgencyRecallService recalls) {
        this.recalls = recalls;
    }

    /**
     * A supervisor takes the case back from the agency: 202 (the agency is told asynchronously, with retries),
     * 400 without a reason, 404 unknown case, 409 the case has no running agency mandate.
     */
    @PostMapping("/api/invoices/{invoiceNumber}/agency/recall")
    public ResponseEntity<?> recall(@PathVariable String invoiceNumber, @Valid @RequestBody RecallRequest request,
                                    Principal user) {
        recalls.recall(invoiceNumber, request.reason(), user == null ? null : user.getName());
        return ResponseEntity.accepted().body(Map.of("invoiceNumber", invoiceNumber, "status", "RECALL_REQUESTED"));
    }
}

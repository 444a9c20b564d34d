package com.collectwise.payments;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;


@RestController
@RequestMapping("/api/payments")
public class PaymentController {

    private final PaymentService payments;

    public PaymentController(PaymentService payments) {
        this.payments = payments;
    }

    /** 201 applied, 202 kept as unapplied cash, 200 replay of a booked payment (nothing changed), 409 conflict. */
    @PostMapping
    public ResponseEntity<PaymentView> receive(@Valid @RequestBody PaymentRequest request) {
        PaymentReceipt receipt = payments.receive(request.toPayment());
        HttpStatus status = switch (receipt.outcome()) {
            case APPLIED -> HttpStatus.CREATED;
            case UNAPPLIED -> HttpStatus.ACCEPTED;
            case REPLAYED -> HttpStatus.OK;
        };
        return ResponseEntity.status(status).body(receipt.payment());
    }

    /** A bounced or recalled payment: 200 with the payment as it stands (the same reversal again: 200). */
    @PostMapping("/{paymentReference}/reversal")
    public PaymentView reverse(@PathVariable String paymentReference, @Valid @RequestBody ReversalRequest request) {
        return payments.reverse(paymentReference, request.reversedOn(), request.reason());
    }
}

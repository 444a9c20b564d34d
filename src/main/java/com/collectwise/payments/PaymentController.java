package com.collectwise.payments;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.collectwise.api.FieldReader;

@RestController
@RequestMapping("/api/payments")
public class PaymentController {

    private final PaymentService payments;

    public PaymentController(PaymentService payments) {
        this.payments = payments;
    }

    /** 201 applied, 202 kept as unapplied cash, 200 replay of a booked payment (nothing changed), 409 conflict. */
    @PostMapping
    public ResponseEntity<PaymentView> receive(@RequestBody(required = false) String body) {
        PaymentReceipt receipt = payments.receive(payments.read(FieldReader.parse(body)));
        HttpStatus status = switch (receipt.outcome()) {
            case APPLIED -> HttpStatus.CREATED;
            case UNAPPLIED -> HttpStatus.ACCEPTED;
            case REPLAYED -> HttpStatus.OK;
        };
        return ResponseEntity.status(status).body(receipt.payment());
    }

    /** A bounced or recalled payment: 200 with the payment as it stands (the same reversal again: 200). */
    @PostMapping("/{paymentReference}/reversal")
    public PaymentView reverse(@org.springframework.web.bind.annotation.PathVariable String paymentReference,
                               @RequestBody(required = false) String body) {
        FieldReader in = FieldReader.parse(body);
        java.time.LocalDate reversedOn = in.date("reversedOn", true);
        String reason = in.text("reason", true, 500);
        in.throwIfInvalid();
        return payments.reverse(paymentReference, reversedOn, reason);
    }
}

package com.collectwise.communication;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the case sent or will send: reminders, letters, texts, alerts and hand-off events with their
 * dispatch status. Without a mail host or SMS gateway configured, messages wait here as PENDING. {@code notBefore}
 * is set on a customer message held by the quiet hours; {@code sendAt} is when it went or will go at the earliest; {@code reason} says why a CANCELLED one
 * was not sent (its invoice settled meanwhile, or nothing undisputed is owed any more).
 */
@RestController
public class OutboxController {

    private final Outbox outbox;

    public OutboxController(Outbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/api/invoices/{invoiceNumber}/messages")
    public List<Map<String, Object>> messages(@PathVariable String invoiceNumber) {
        return outbox.forInvoice(invoiceNumber).stream().map(OutboxController::view).toList();
    }

    private static Map<String, Object> view(OutboxMessage m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", m.id());
        v.put("kind", m.kind());
        v.put("recipient", m.recipient());
        v.put("subject", m.subject());
        v.put("body", m.body());
        v.put("status", m.status());
        v.put("attempts", m.attempts());
        v.put("createdAt", m.createdAt().toString());
        v.put("dispatchedAt", m.dispatchedAt() == null ? null : m.dispatchedAt().toString());
        v.put("notBefore", m.notBefore() == null ? null : m.notBefore().toString());
        v.put("sendAt", m.sendAt().toString());
        v.put("reason", m.reason());
        return v;
    }
}

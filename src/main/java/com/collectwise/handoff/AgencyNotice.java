package com.collectwise.handoff;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What the agency is told about a case it works: the customer paid us directly ({@code PAYMENT}), a payment was
 * reversed ({@code PAYMENT_REVERSED}: bounced or recalled, what it paid is to be collected again), disputed part of
 * the invoice ({@code DISPUTE}: the disputed amount is not to be collected), the dispute was rejected ({@code
 * DISPUTE_REJECTED}: the disputed amount is collected again), was given a credit note ({@code CREDIT_NOTE}: posted
 * over the API or decided on a dispute; the invoice is reduced from its due date, disputes it settled are over), or
 * the case was settled ({@code
 * SETTLED}: paid, credited, written off or sold; the mandate ends), the customer withdrew its consent to share
 * personal data ({@code CONSENT_WITHDRAWN}: the agency deletes the debtor's data the mandate carried), or taken back because a supervisor moved the case to
 * another stage ({@code RECALL}; a recall requested over the API ends the mandate through the model instead). {@code noticeKey} is also the Idempotency-Key:
 * a retried notice is the same notice. No personal data: the mandate already says who the debtor is.
 */
public record AgencyNotice(String noticeKey, String mandateKey, String invoiceNumber, String type, String reference,
                           BigDecimal amount, String currency, LocalDate on, String detail) {

    public static final String PAYMENT = "PAYMENT";
    /** A payment (direct, or one the agency reported) bounced or was recalled: what it paid is owed again. */
    public static final String PAYMENT_REVERSED = "PAYMENT_REVERSED";
    public static final String DISPUTE = "DISPUTE";
    public static final String CREDIT_NOTE = "CREDIT_NOTE";
    /** A dispute the agency was told of was rejected: the disputed amount is to be collected again. */
    public static final String DISPUTE_REJECTED = "DISPUTE_REJECTED";
    public static final String SETTLED = "SETTLED";
    /** The customer withdrew its consent to share personal data: the agency deletes what the mandate carried. */
    public static final String CONSENT_WITHDRAWN = "CONSENT_WITHDRAWN";
    public static final String RECALL = "RECALL";
}

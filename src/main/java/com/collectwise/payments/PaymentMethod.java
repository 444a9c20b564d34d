package com.collectwise.payments;

/** How the customer paid (values pinned by the HTTP API contract). */
public enum PaymentMethod {
    BANK_TRANSFER, ALIPAY, WECHAT_PAY, CARD, CASH, OTHER
}

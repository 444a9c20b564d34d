package com.collectwise.disputes;

/** What the customer disputes (values pinned by the HTTP API contract). */
public enum DisputeCategory {
    QUALITY, QUANTITY, PRICE, DELIVERY, DOCUMENTS, OTHER
}

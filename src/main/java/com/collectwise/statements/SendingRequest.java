package com.collectwise.statements;

import com.collectwise.api.Email;

/** The (optional) body of {@code POST /api/customers/{customerId}/statement/sendings}: another recipient. */
record SendingRequest(@Email String recipient) {
}

package com.collectwise.agreements;

import java.util.Set;

import org.springframework.stereotype.Component;

import com.collectwise.communication.LaterDayNotice;

/**
 * The agreement notices that go out on a later day than they were written read today's plan and figures
 * ({@link AgreementService#asOfToday}).
 */
@Component
class AgreementNoticesOfToday implements LaterDayNotice {

    private final AgreementService agreements;

    AgreementNoticesOfToday(AgreementService agreements) {
        this.agreements = agreements;
    }

    @Override
    public Set<String> kinds() {
        return Set.of(AgreementService.REMINDER, AgreementService.DEMAND, AgreementService.ACCELERATION);
    }

    @Override
    public Today asOfToday(String idempotencyKey, String subject, String body) {
        return agreements.asOfToday(idempotencyKey, subject, body);
    }
}

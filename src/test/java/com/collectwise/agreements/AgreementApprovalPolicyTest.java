package com.collectwise.agreements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.CurrencyThresholds;

/** The former key collectwise.thresholds.agreement-approval.<CODE> still decides the currencies it names. */
class AgreementApprovalPolicyTest {

    @Test
    void aCurrencyStillSetInTheFormerKeyIsJudgedByItWithoutTheDecision() {
        CaseEngine decisions = mock(CaseEngine.class);
        AgreementApprovalPolicy policy = new AgreementApprovalPolicy(decisions,
            new CurrencyThresholds(Map.of("kwd", new BigDecimal("3000")), null));

        assertThat(policy.aboveLimit("KWD", new BigDecimal("3000.000"))).isFalse();
        assertThat(policy.aboveLimit("KWD", new BigDecimal("3000.001"))).isTrue();
        verifyNoInteractions(decisions);
    }
}

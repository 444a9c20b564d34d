package com.collectwise.cases;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseFacts;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import static com.collectwise.kernel.CaseVariables.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;

/** The visit report records why the customer pays late, as the field collector heard it (issue 16 item 10). */
class RecordVisitReportDelegateTest {

    final ContactLog contacts = mock(ContactLog.class);
    final OverdueCauses causes = mock(OverdueCauses.class);
    /** The customer of the case is the invoice's (the case keeps no customerId variable). */
    final CaseFacts caseFacts = mock(CaseFacts.class);
    final RecordVisitReportDelegate delegate = new RecordVisitReportDelegate(contacts, mock(PromiseBook.class),
        mock(com.collectwise.agreements.AcknowledgementService.class), new BusinessClock("Asia/Shanghai"), causes,
        mock(FormFactsListener.class), caseFacts);

    DelegateExecution visit(String cause) {
        DelegateExecution execution = mock(DelegateExecution.class, RETURNS_DEEP_STUBS);
        when(execution.getVariable(INVOICE_NUMBER)).thenReturn("INV-1");
        when(caseFacts.customerId(execution)).thenReturn("C-1");
        when(execution.getVariable(VISIT_OUTCOME)).thenReturn("CANNOT_PAY");
        when(execution.getVariable(DECISION_MAKER_MET)).thenReturn(true);
        when(execution.getVariable(VISIT_REPORT)).thenReturn("Warehouse half empty, bank loan refused.");
        when(execution.getVariable(CustomerCalls.OVERDUE_CAUSE)).thenReturn(cause);
        when(execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication()).thenReturn(null);
        return execution;
    }

    @Test
    void theCauseSeenOnAVisitIsRecorded() throws Exception {
        delegate.execute(visit("CASH_TROUBLE"));
        verify(contacts).append(any(ContactEntry.class));
        verify(causes).record(eq("INV-1"), eq("C-1"), eq(OverdueCauses.VISIT), eq(OverdueCause.CASH_TROUBLE), any(),
            any());
    }

    /** A promise at a visit takes the dates a promise on the phone or over the API takes: 9999-12-31 is refused. */
    @Test
    void aPromiseMoreThanAYearAheadCannotBeSavedFromAVisit() {
        DelegateExecution execution = visit(null);
        when(execution.getVariable(VISIT_OUTCOME)).thenReturn(RecordVisitReportDelegate.PROMISED_PAYMENT);
        when(execution.getVariable(PROMISED_AMOUNT)).thenReturn("100.00");
        when(execution.getVariable(PROMISED_DATE)).thenReturn("9999-12-31");
        when(execution.getVariable(CURRENCY)).thenReturn("CNY");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> delegate.execute(execution))
            .hasMessageContaining("The visit report cannot be saved").hasMessageContaining("more than a year ahead");
        verify(contacts, never()).append(any(ContactEntry.class));
    }

    @Test
    void noCauseOrAnUnknownOneRecordsNone() throws Exception {
        delegate.execute(visit(null));
        delegate.execute(visit("WEATHER"));
        verify(causes, never()).record(anyString(), anyString(), anyString(), any(), any(), any());
    }
}

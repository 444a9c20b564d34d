package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.CaseVariables;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Stage;
import com.collectwise.handoff.AgencyReportRetry;

/** Requests that race each other, and messages that arrive before their case waits for them. */
class FaultsApiTest extends ApiTestSupport {

    private static final String WAITING_PROCESS = "Test_KeptReportWait";

    @Autowired
    AgencyReportRetry retry;
    @Autowired
    InvoiceRepository invoices;
    @Autowired
    RepositoryService repository;
    @Autowired
    HistoryService history;

    @Test
    void theSamePaymentPostedTwiceAtTheSameMomentIsBookedOnce() throws Exception {
        String number = createInvoice(createCustomer(), "1000.00");
        String ref = unique("PAY");
        Map<String, Object> body = Map.of("paymentReference", ref, "invoiceNumber", number, "amount", "250.00",
            "currency", "CNY", "receivedOn", today().toString(), "method", "BANK_TRANSFER");
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<Integer>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                calls.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return post(FINANCE, "/api/payments", body).status();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> call : calls) {
                statuses.add(call.get(60, TimeUnit.SECONDS));
            }

            // one books it, the other is answered as the replay it is
            assertThat(statuses).containsExactlyInAnyOrder(201, 200);
        } finally {
            threads.shutdownNow();
        }
        assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ?", ref)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM payment_allocations WHERE payment_reference = ?", ref)).isEqualTo(1);
        assertThat(get(FINANCE, "/api/invoices/" + number).body().path("outstanding").path("total").decimalValue())
            .isEqualByComparingTo("750.00");
    }

    @Test
    void aReportForACaseThatIsNotWaitingIsKeptAndAppliedWhenTheCaseWaits() {
        String number = invoiceAtAgency();
        String reportId = unique("R");
        Response r = post(INTEGRATION, "/api/agency/reports", report(number, reportId, "PARTLY_COLLECTED", "100.00"));
        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        retry.retryKept();
        assertThat(inbox(reportId)).isEqualTo("KEPT");

        String instance = waitingCase(number);
        retry.retryKept();

        assertThat(inbox(reportId)).isEqualTo("APPLIED");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance)
            .variableName(CaseVariables.AGENCY_REPORT_STATUS).singleResult().getValue()).isEqualTo("PARTLY_COLLECTED");
        // the money was booked at receipt and is not booked again
        assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ?", "AGENCY-" + reportId))
            .isEqualTo(1);
        // applied once: the next round finds nothing to do for it
        retry.retryKept();
        assertThat(count("SELECT COUNT(*) FROM inbox WHERE dedup_key = ?", "AGENCY_REPORT:" + reportId)).isEqualTo(1);
    }

    @Test
    void aReportOnACaseNotKnownYetIsAppliedAndItsMoneyBookedOnceTheCaseExists() {
        String number = unique("AG");
        String reportId = unique("R");
        Response r = post(INTEGRATION, "/api/agency/reports", report(number, reportId, "PARTLY_COLLECTED", "40.00"));
        assertThat(r.status()).as(r.raw()).isEqualTo(404);

        invoiceAtAgency(number);
        String instance = waitingCase(number);
        retry.retryKept();

        assertThat(inbox(reportId)).isEqualTo("APPLIED");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
        assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ?", "AGENCY-" + reportId))
            .isEqualTo(1);
        retry.retryKept();
        assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ?", "AGENCY-" + reportId))
            .isEqualTo(1);
    }

    /**
     * Kept reports that can never apply (their case never comes: here 100 reports on invoice numbers nobody registers,
     * more than the retry takes in one page) do not hide a newer one: its case appears and waits, the next round
     * applies it.
     */
    @Test
    void aReportBehindAHundredThatNeverApplyIsAppliedOnceItsCaseWaits() {
        for (int i = 0; i < 100; i++) {
            Response stale = post(INTEGRATION, "/api/agency/reports", report(unique("GONE"), unique("R"), "IN_PROGRESS",
                "0"));
            assertThat(stale.status()).as(stale.raw()).isEqualTo(404);
        }
        String number = unique("AG");
        String reportId = unique("R");
        assertThat(post(INTEGRATION, "/api/agency/reports", report(number, reportId, "PARTLY_COLLECTED", "25.00"))
            .status()).isEqualTo(404);
        invoiceAtAgency(number);
        String instance = waitingCase(number);

        retry.retryKept();

        assertThat(inbox(reportId)).isEqualTo("APPLIED");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
        assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ?", "AGENCY-" + reportId))
            .isEqualTo(1);
    }

    private String invoiceAtAgency() {
        String number = unique("AG");
        invoiceAtAgency(number);
        return number;
    }

    private void invoiceAtAgency(String number) {
        invoices.insert(new Invoice(number, createCustomer(), today().minusDays(120), today().minusDays(90), 30,
            new BigDecimal("300.00"), "CNY", null, CaseStatus.OPEN, Stage.AGENCY, null, null));
    }

    /** A stand-in for the agency stage: the real model needs many timers to get there. */
    private String waitingCase(String invoiceNumber) {
        if (repository.createProcessDefinitionQuery().processDefinitionKey(WAITING_PROCESS).count() == 0) {
            repository.createDeployment().name("kept report stand-in")
                .addModelInstance(WAITING_PROCESS + ".bpmn", Bpmn.createExecutableProcess(WAITING_PROCESS)
                    .camundaHistoryTimeToLive(1)
                    .startEvent().receiveTask("Task_WaitForReport").message(CaseVariables.MSG_AGENCY_REPORT)
                    .endEvent().done())
                .deploy();
        }
        return runtime.startProcessInstanceByKey(WAITING_PROCESS, invoiceNumber).getId();
    }

    private Map<String, Object> report(String invoiceNumber, String reportId, String status, String amount) {
        Map<String, Object> body = new HashMap<>();
        body.put("invoiceNumber", invoiceNumber);
        body.put("agencyReference", "AGY-" + reportId);
        body.put("reportId", reportId);
        body.put("status", status);
        body.put("amountCollected", amount);
        body.put("reportedOn", today().toString());
        return body;
    }

    private String inbox(String reportId) {
        return jdbc.sql("SELECT status FROM inbox WHERE dedup_key = ?").param("AGENCY_REPORT:" + reportId)
            .query(String.class).single();
    }
}

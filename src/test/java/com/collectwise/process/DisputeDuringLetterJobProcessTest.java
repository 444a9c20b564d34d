package com.collectwise.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import com.collectwise.cases.CaseRequestService;
import com.collectwise.communication.DocumentRepository;
import com.collectwise.communication.DunningLetterService;
import com.collectwise.disputes.DisputeCategory;
import com.collectwise.kernel.CaseVariables;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Segment;

/**
 * A dispute posted in the first seconds of a case that starts after formal demand (here in the field stage): the formal letter runs as a job
 * (asynchronous) and the request changes the same case while the job runs. The request commits first (it retries its
 * own transaction when it loses); the job then loses the race (optimistic locking). It must not wait for its model's
 * retry (R3/PT5M): it runs again seconds later and sends the letter, which names the dispute.
 * <p>
 * The collision is produced for real: while the letter job renders its letter, the dispute request runs in another
 * thread and commits; the job's own transaction then finds the case changed.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class DisputeDuringLetterJobProcessTest extends CollectionTestSupport {

    @MockitoSpyBean DunningLetterService letters;
    @Autowired CaseRequestService requests;
    @Autowired DocumentRepository documents;

    /**
     * The job loses a race for its case (simulated: the letter step throws the engine's optimistic locking
     * exception once, as the job's flush does when a request changed the case meanwhile): it runs again ten seconds
     * later, not after five minutes, and the letter goes out.
     */
    @Test
    void aJobThatLostARaceForItsCaseRunsAgainInSeconds() {
        setClock(at(2026, 3, 2, 10, 0));
        Customer customer = customer(Segment.DOMESTIC);
        Invoice invoice = invoice(customer, LocalDate.of(2026, 1, 10), 30, "5000.00");
        String caseId = cases.start(invoice, customer);
        started.add(caseId);
        Job letterJob = management.createJobQuery().processInstanceId(caseId)
            .activityId("Task_SendFirstDunningLetter").singleResult();
        AtomicBoolean collide = new AtomicBoolean(true);
        doAnswer(call -> {
            if (collide.getAndSet(false)) {
                throw new OptimisticLockingException("the case was changed by another transaction meanwhile");
            }
            return call.callRealMethod();
        }).when(letters).create(any(), any(), any(), any(), any(), anyInt(), any(), anyBoolean());

        assertThat(catchThrowable(() -> management.executeJob(letterJob.getId())))
            .isInstanceOf(OptimisticLockingException.class);
        Job failed = management.createJobQuery().jobId(letterJob.getId()).singleResult();
        Date now = ClockUtil.getCurrentTime();
        assertThat(failed.getDuedate()).as("runs again in seconds, not after R3/PT5M's five minutes").isAfter(now)
            .isBeforeOrEqualTo(Date.from(now.toInstant().plus(Duration.ofSeconds(10))));
        assertThat(failed.getRetries()).as("the engine does not count a lost race as a failed attempt").isEqualTo(3);

        moveTo(at(2026, 3, 2, 10, 0).plusSeconds(9));
        assertThat(documents.forInvoice(invoice.invoiceNumber())).as("not yet").isEmpty();
        moveTo(at(2026, 3, 2, 10, 0).plusSeconds(10));
        assertThat(documents.forInvoice(invoice.invoiceNumber())).as("the letter went out").hasSize(1);
    }

    /** Any other failure keeps the model's retry cycle (R3/PT5M). */
    @Test
    void otherFailuresKeepTheModelsRetryCycle() {
        setClock(at(2026, 3, 2, 10, 0));
        Customer customer = customer(Segment.DOMESTIC);
        Invoice invoice = invoice(customer, LocalDate.of(2026, 1, 10), 30, "5000.00");
        String caseId = cases.start(invoice, customer);
        started.add(caseId);
        Job letterJob = management.createJobQuery().processInstanceId(caseId)
            .activityId("Task_SendFirstDunningLetter").singleResult();
        AtomicBoolean fail = new AtomicBoolean(true);
        doAnswer(call -> {
            if (fail.getAndSet(false)) {
                throw new IllegalStateException("the PDF renderer is out of memory");
            }
            return call.callRealMethod();
        }).when(letters).create(any(), any(), any(), any(), any(), anyInt(), any(), anyBoolean());

        assertThat(catchThrowable(() -> management.executeJob(letterJob.getId()))).isNotNull();
        Job failed = management.createJobQuery().jobId(letterJob.getId()).singleResult();
        assertThat(failed.getDuedate()).isEqualTo(Date.from(ClockUtil.getCurrentTime().toInstant()
            .plus(Duration.ofMinutes(5))));
        assertThat(failed.getRetries()).isEqualTo(2);
    }

    /**
     * The real interleaving: the dispute request runs and commits while the letter job renders its letter. Whatever
     * the engine makes of it (on this model the two change different rows of the case), the letter goes out within
     * seconds and the dispute runs.
     */
    @Test
    void aDisputeRaisedWhileTheFormalLetterJobRunsCostsTheJobSecondsNotMinutes() throws Exception {
        setClock(at(2026, 3, 2, 10, 0));
        Customer customer = customer(Segment.DOMESTIC);
        // due 2026-01-10, 30-day terms: the case starts in the field stage, after formal demand; the first formal
        // letter is a job
        Invoice invoice = invoice(customer, LocalDate.of(2026, 1, 10), 30, "5000.00");
        String caseId = cases.start(invoice, customer);
        started.add(caseId);
        ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceId(caseId).singleResult();
        Job letterJob = management.createJobQuery().processInstanceId(caseId)
            .activityId("Task_SendFirstDunningLetter").singleResult();
        assertThat(letterJob).as("the first formal letter waits for the job executor").isNotNull();

        AtomicBoolean collide = new AtomicBoolean(true);
        AtomicReference<Long> disputeId = new AtomicReference<>();
        doAnswer(call -> {
            if (collide.getAndSet(false)) {
                // the customer's dispute arrives over the API while the letter job runs
                disputeId.set(CompletableFuture.supplyAsync(() -> requests.dispute(invoice.invoiceNumber(),
                        DisputeCategory.QUALITY, new BigDecimal("1000.00"), "pumps leak", "collector1").id())
                    .get(60, TimeUnit.SECONDS));
            }
            return call.callRealMethod();
        }).when(letters).create(any(), any(), any(), any(), any(), anyInt(), any(), anyBoolean());

        Throwable lost = catchThrowable(() -> management.executeJob(letterJob.getId()));
        assertThat(disputeId.get()).as("the request committed while the job ran").isNotNull();
        assertThat(runtime.createProcessInstanceQuery().superProcessInstanceId(caseId)
            .processDefinitionKey(CaseVariables.PROCESS_DISPUTE).count()).isEqualTo(1);
        if (lost != null) {
            assertThat(lost).isInstanceOf(OptimisticLockingException.class);
            Job failed = management.createJobQuery().jobId(letterJob.getId()).singleResult();
            assertThat(failed.getDuedate()).as("runs again in seconds")
                .isBeforeOrEqualTo(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofSeconds(10))));
        }

        moveTo(at(2026, 3, 2, 10, 0).plusSeconds(10));
        assertThat(documents.forInvoice(invoice.invoiceNumber())).as("the letter went out").hasSize(1);
        assertThat(management.createJobQuery().processInstanceId(caseId).withException().count()).isZero();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);
    }
}

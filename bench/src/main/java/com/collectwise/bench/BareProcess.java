package com.collectwise.bench;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The baseline: the least a Camunda process needs to do the same job - wait for a date, then for a payment.
 * One timer, one message, no variables but the date, deployed into the same engine and database as ours.
 */
final class BareProcess {

    static final String KEY = "Bench_BareCase";
    static final String TIMER = "Bench_Timer";
    static final String MESSAGE = "Bench_Payment";
    static final String DUE_AT = "dueAt";

    private BareProcess() {
    }

    /**
     * Counts bare timers that fired, in memory: the benchmark waits on this instead of polling ACT_RU_JOB, whose
     * full scans (110,000 rows on H2) competed with the drain they were watching.
     */
    public static class TimerPassed implements org.camunda.bpm.engine.delegate.ExecutionListener {

        static final java.util.concurrent.atomic.AtomicLong FIRED = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public void notify(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
            FIRED.incrementAndGet();
        }
    }

    static BpmnModelInstance model() {
        return Bpmn.createExecutableProcess(KEY)
            .name("Bare case (benchmark baseline)")
            // longer than the collection process (P180D), so that cleanup measured for ours leaves these alone
            .camundaHistoryTimeToLive(365)
            .startEvent("Bench_Start")
            .intermediateCatchEvent(TIMER).timerWithDate("${" + DUE_AT + "}")
            .camundaExecutionListenerClass("end", TimerPassed.class)
            .intermediateCatchEvent("Bench_PaymentReceived").message(MESSAGE)
            .endEvent("Bench_End")
            .done();
    }
}

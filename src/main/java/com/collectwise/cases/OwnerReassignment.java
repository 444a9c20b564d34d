package com.collectwise.cases;

import static com.collectwise.kernel.CaseVariables.*;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.collectwise.customers.CallWorkers;
import com.collectwise.customers.CustomerChanged;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.Customer;

/**
 * The running cases keep copies of the customer (the owner collector who is the default assignee of calls, the
 * segment, and the decision maker the open forms show): when the master data changes they follow, in the transaction of
 * the change. Tasks assigned to the old owner move to the new one; a task someone else claimed stays with them. When
 * the old owner could not work the calls any more, the owner's tasks that wait in the collectors' queue (calls that
 * lead the customer's call of the day, clarifications of part payments) go to the new owner too.
 */
@Component
public class OwnerReassignment {

    private final CaseEngine engine;
    private final CallWorkers workers;

    public OwnerReassignment(CaseEngine engine, CallWorkers workers) {
        this.engine = engine;
        this.workers = workers;
    }

    @EventListener
    public void customerChanged(CustomerChanged change) {
        Customer before = change.before();
        Customer after = change.after();
        Map<String, Object> copies = new LinkedHashMap<>();
        if (change.collectorChanged()) {
            copies.put(COLLECTOR, after.collector());
        }
        if (!Objects.equals(before.segment(), after.segment())) {
            copies.put(SEGMENT, after.segment().name());
        }
        if (!Objects.equals(before.decisionMaker(), after.decisionMaker())) {
            copies.put(DECISION_MAKER, after.decisionMaker());
        }
        if (copies.isEmpty()) {
            return;
        }
        // open forms show the decision maker from their task (FormFactsListener): those follow as well
        Map<String, Object> taskCopies = new HashMap<>();
        if (copies.containsKey(DECISION_MAKER)) {
            taskCopies.put(DECISION_MAKER, after.decisionMaker());
        }
        engine.updateCustomerCopies(after.customerId(), copies, taskCopies);
        if (change.collectorChanged() && before.collector() != null) {
            engine.reassignCustomerTasks(after.customerId(), before.collector(), after.collector());
            if (!workers.worksCalls(before.collector())) {
                // the old owner could not work the calls: the owner's tasks waited in the collectors' queue
                engine.assignQueuedTasks(after.customerId(), after.collector(),
                    List.of(TASK_CALL_CUSTOMER, TASK_CLARIFY_PARTIAL_PAYMENT), CustomerCalls.COVERED_BY);
            }
        }
    }
}

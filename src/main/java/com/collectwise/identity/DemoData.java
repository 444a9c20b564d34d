package com.collectwise.identity;

import static com.collectwise.kernel.CaseVariables.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.collectwise.cases.PromiseBook;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Stage;
import com.collectwise.kernel.Customer;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.kernel.Segment;

/**
 * The {@code demo} profile: a user for every role and a case in every stage, so that Tasklist and
 * Cockpit show something on the first start. Cases are registered the way the API registers them,
 * with due dates in the past, so each starts in the stage its age calls for; litigation and write-off
 * are reached the way a supervisor reaches them, by a stage-change request. Loaded once: when the
 * demo customers exist, nothing is added again.
 */
@Component
@Profile("demo")
public class DemoData {

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    record DemoUser(String id, String firstName, String lastName, CollectwiseGroup group) {
    }

    /** A demo invoice: due {@code dueInDays} from today (negative = overdue), in the stage its age calls for. */
    record DemoCase(String invoiceNumber, String customerId, int dueInDays, String amount, String currency,
                    Stage stageByAge, Stage movedTo) {
    }

    static final List<DemoUser> USERS = List.of(
        new DemoUser("chen", "Jie", "Chen", CollectwiseGroup.COLLECTORS),
        new DemoUser("wang", "Lei", "Wang", CollectwiseGroup.FIELD_COLLECTORS),
        new DemoUser("li", "Na", "Li", CollectwiseGroup.SUPERVISORS),
        new DemoUser("zhao", "Min", "Zhao", CollectwiseGroup.FINANCE),
        new DemoUser("sun", "Hui", "Sun", CollectwiseGroup.LEGAL),
        new DemoUser("erp", "ERP", "Feed", CollectwiseGroup.INTEGRATION));

    /** One customer per segment, all owned by the demo collector. */
    record DemoCustomer(String customerId, String name, Segment segment, String country, String decisionMaker) {

        Customer toCustomer(Instant createdAt) {
            return new Customer(customerId, name, segment, country, customerId.toLowerCase() + "@customer.example",
                "+86 21 5555 0100", "chen", decisionMaker, createdAt);
        }
    }

    static final List<DemoCustomer> CUSTOMERS = List.of(
        // a Chinese customer as a Chinese ERP sends it: the letters and reminders to it are in Chinese
        new DemoCustomer("DEMO-DOMESTIC", "上海宏达贸易有限公司", Segment.DOMESTIC, "CN", "张伟（财务总监）"),
        new DemoCustomer("DEMO-FOREIGN", "Rheinland Maschinenbau GmbH", Segment.FOREIGN, "DE",
            "Anna Becker (Head of Finance)"),
        new DemoCustomer("DEMO-KEYACCOUNT", "Huaxin Electronics Group", Segment.KEY_ACCOUNT, "CN",
            "Liu Yang (Treasurer)"),
        new DemoCustomer("DEMO-SMALL", "Xiaomei Bakery", Segment.SMALL_BUSINESS, "CN", "Zhou Mei (Owner)"));

    static final List<DemoCase> CASES = List.of(
        new DemoCase("DEMO-1001", "DEMO-DOMESTIC", 5, "12800.00", "CNY", Stage.PRE_DUE, null),
        new DemoCase("DEMO-1002", "DEMO-DOMESTIC", -4, "3450.00", "CNY", Stage.INTERNAL_REMINDER, null),
        // a second call due today for the same customer: the two calls are one (the task prepared first leads, the
        // other is covered), so "My calls today" shows the customer-level call form with more than one invoice
        new DemoCase("DEMO-1008", "DEMO-DOMESTIC", -7, "7620.00", "CNY", Stage.INTERNAL_REMINDER, null),
        new DemoCase("DEMO-1003", "DEMO-DOMESTIC", -14, "186000.00", "CNY", Stage.FORMAL_DEMAND, null),
        new DemoCase("DEMO-1004", "DEMO-DOMESTIC", -25, "48900.00", "CNY", Stage.FIELD_VISIT, null),
        new DemoCase("DEMO-1005", "DEMO-FOREIGN", -70, "23750.00", "EUR", Stage.AGENCY, null),
        new DemoCase("DEMO-1006", "DEMO-KEYACCOUNT", -120, "560000.00", "CNY", Stage.AGENCY, Stage.LITIGATION),
        new DemoCase("DEMO-1007", "DEMO-SMALL", -200, "8600.00", "CNY", Stage.AGENCY, Stage.WRITE_OFF));

    private static final int CREDIT_TERM_DAYS = 30;

    private final IdentityService identity;
    private final RuntimeService runtime;
    private final CustomerRepository customers;
    private final InvoiceRepository invoices;
    private final CaseEngine cases;
    private final BusinessClock clock;
    private final TransactionTemplate transaction;
    private final String password;
    private final TasklistFilterRefresh filters;
    private final ContactLog contacts;
    private final PromiseBook promises;

    public DemoData(IdentityService identity, RuntimeService runtime, CustomerRepository customers,
                    InvoiceRepository invoices, CaseEngine cases, BusinessClock clock, TransactionTemplate transaction,
                    IdentitySettings settings, TasklistFilterRefresh filters,
                    ContactLog contacts, PromiseBook promises) {
        this.contacts = contacts;
        this.promises = promises;
        this.identity = identity;
        this.runtime = runtime;
        this.customers = customers;
        this.invoices = invoices;
        this.cases = cases;
        this.clock = clock;
        this.transaction = transaction;
        this.password = demoPassword(settings);
        this.filters = filters;
    }

    /** {@code collectwise.demo.password}: set in application-demo.yaml (or COLLECTWISE_DEMO_PASSWORD), nowhere else. */
    private static String demoPassword(IdentitySettings settings) {
        if (settings.demo() == null || settings.demo().password() == null || settings.demo().password().isBlank()) {
            throw new IllegalStateException("collectwise.demo.password is not set (profile demo sets it)");
        }
        return settings.demo().password();
    }

    /** After start-up, when the engine has deployed the models the cases run on. */
    @EventListener(ApplicationReadyEvent.class)
    public void load() {
        USERS.forEach(this::ensureUser);
        // the demo callers' own "My calls today" now, not at the next minute
        filters.refresh();
        if (customers.exists(CUSTOMERS.get(0).customerId())) {
            LOG.info("Demo data present: nothing added");
            return;
        }
        // all or nothing, so that a failed start is simply retried by the next start
        transaction.executeWithoutResult(status -> {
            CUSTOMERS.forEach(c -> customers.insert(c.toCustomer(clock.now())));
            CASES.forEach(this::startCase);
            earlierCallsOfDomesticCustomer();
        });
        LOG.info("Demo data loaded: users {} (password from collectwise.demo.password), {} customers, {} cases",
            USERS.stream().map(DemoUser::id).toList(), CUSTOMERS.size(), CASES.size());
    }

    private void ensureUser(DemoUser demo) {
        if (identity.createUserQuery().userId(demo.id()).count() == 0) {
            User user = identity.newUser(demo.id());
            user.setFirstName(demo.firstName());
            user.setLastName(demo.lastName());
            user.setEmail(demo.id() + "@collectwise.example");
            user.setPassword(password);
            identity.saveUser(user);
        }
        if (identity.createUserQuery().userId(demo.id()).memberOfGroup(demo.group().id()).count() == 0) {
            identity.createMembership(demo.id(), demo.group().id());
        }
    }

    /**
     * What the case file of DEMO-DOMESTIC would hold had the calls been made here: a call about DEMO-1003 with a
     * promise that was not kept. Written in the same transaction as the cases, so it is there when today's call
     * tasks are prepared (after the overdue reminder, an asynchronous job) and the form shows previous contacts
     * and the customer's promises.
     */
    private void earlierCallsOfDomesticCustomer() {
        LocalDate today = clock.today();
        Instant promisedOn = today.minusDays(8).atTime(LocalTime.of(15, 40)).atZone(clock.zone()).toInstant();
        Instant noAnswerOn = today.minusDays(10).atTime(LocalTime.of(15, 30)).atZone(clock.zone()).toInstant();
        BigDecimal promised = new BigDecimal("186000.00");
        LocalDate promisedDate = today.minusDays(5);
        contacts.append(new ContactEntry(null, "DEMO-1003", "DEMO-DOMESTIC", "PHONE", noAnswerOn, "chen", null,
            "NO_ANSWER", "Switchboard: finance is in a meeting.", null, null));
        contacts.append(new ContactEntry(null, "DEMO-1003", "DEMO-DOMESTIC", "PHONE", promisedOn, "chen", "张伟（财务总监）",
            "PROMISE_TO_PAY", "Payment run delayed, the boss signs next week.", promised, promisedDate));
        // the promise went by without a payment: the customer's record shows it as broken
        promises.recordDecided("DEMO-1003", promised, "CNY", promisedDate, "Demo data: an earlier call", "BROKEN",
            "chen", promisedOn, promisedDate.plusDays(2).atStartOfDay(clock.zone()).toInstant());
    }

    private void startCase(DemoCase demo) {
        LocalDate due = clock.today().plusDays(demo.dueInDays());
        Invoice invoice = new Invoice(demo.invoiceNumber(), demo.customerId(), due.minusDays(CREDIT_TERM_DAYS), due,
            CREDIT_TERM_DAYS, new BigDecimal(demo.amount()), demo.currency(), null, CaseStatus.OPEN, demo.stageByAge(),
            null, null);
        invoices.insert(invoice);
        Customer customer = customers.find(demo.customerId()).orElseThrow();
        String processInstanceId = cases.start(invoice, customer);
        if (demo.movedTo() == null) {
            return;
        }
        boolean listening = runtime.createEventSubscriptionQuery().processInstanceId(processInstanceId)
            .eventName(MSG_STAGE_CHANGE).count() > 0;
        if (listening) {
            runtime.createMessageCorrelation(MSG_STAGE_CHANGE).processInstanceBusinessKey(demo.invoiceNumber())
                .setVariable(TARGET_STAGE, demo.movedTo().name())
                .setVariable(STAGE_CHANGE_REASON, "Demo data: a case in every stage")
                .correlate();
        }
        else {
            LOG.warn("Demo case {} does not accept {} (yet): it stays in its stage by age", demo.invoiceNumber(),
                MSG_STAGE_CHANGE);
        }
    }
}

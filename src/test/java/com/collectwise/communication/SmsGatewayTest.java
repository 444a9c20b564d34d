package com.collectwise.communication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Stage;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;
import com.sun.net.httpserver.HttpServer;

/** SMS go out through a real HTTP gateway (a stub on localhost), once per outbox message. */
@SpringBootTest
@ActiveProfiles("test")
class SmsGatewayTest {

    record Received(String idempotencyKey, String body) {
    }

    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    static final AtomicInteger FAILURES_TO_SIMULATE = new AtomicInteger();
    static HttpServer gateway;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/sms", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            RECEIVED.add(new Received(exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
            int status = FAILURES_TO_SIMULATE.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 202;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        gateway.start();
        registry.add("collectwise.sms.url", () -> "http://127.0.0.1:" + gateway.getAddress().getPort() + "/sms");
        registry.add("collectwise.sms.dispatch-interval", () -> "P3650D");
    }

    @AfterAll
    static void stop() {
        gateway.stop(0);
    }

    @Autowired
    SmsGateway sms;

    @Autowired
    CollectionNotices notices;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void clean() {
        // a Wednesday morning, a working day: outside the quiet hours whenever the build runs
        setClock(at(2026, 3, 4, 10, 0));
        jdbc.sql("DELETE FROM outbox").update();
        RECEIVED.clear();
        FAILURES_TO_SIMULATE.set(0);
    }

    @Test
    void aReminderToACustomerWithAPhoneAlsoGoesOutAsTextOnceEvenAfterAGatewayFailure() {
        Customer customer = new Customer("C-SMS", "Hongda", Segment.DOMESTIC, "CN", "ap@hongda.test", "+86 138 0000 0000",
            "chen", null, Instant.now());
        Invoice invoice = new Invoice("INV-SMS-1", "C-SMS", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), 30,
            new BigDecimal("1500.00"), "CNY", null, CaseStatus.OPEN, Stage.PRE_DUE, null, null);

        notices.preDueReminder(invoice, customer);
        notices.preDueReminder(invoice, customer); // a retried job writes nothing twice
        FAILURES_TO_SIMULATE.set(1);

        assertThat(sms.dispatchPending()).isZero(); // the gateway answered 503: kept for a retry
        assertThat(sms.dispatchPending()).isEqualTo(1);
        assertThat(sms.dispatchPending()).isZero();

        assertThat(RECEIVED).hasSize(2);
        assertThat(RECEIVED).extracting(Received::idempotencyKey).containsOnly("SMS:PRE_DUE_REMINDER:INV-SMS-1");
        assertThat(RECEIVED.get(1).body()).contains("+86 138 0000 0000").contains("INV-SMS-1").contains("CNY 1500.00");
        assertThat(jdbc.sql("SELECT status FROM outbox WHERE kind = 'SMS'").query(String.class).single()).isEqualTo("SENT");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    static ZonedDateTime at(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, ZoneId.of("Asia/Shanghai"));
    }

    static void setClock(ZonedDateTime t) {
        ClockUtil.setCurrentTime(Date.from(t.toInstant()));
    }

    @Test
    void aTextThatFallsDueOnAHolidayWaitsForTheNextWorkingDayAt0800() {
        Customer customer = new Customer("C-SMS3", "Hongda", Segment.DOMESTIC, "CN", "ap@hongda.test", "+86 138 0000 0001",
            "chen", null, Instant.now());
        Invoice invoice = new Invoice("INV-SMS-3", "C-SMS3", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 20), 50,
            new BigDecimal("900.00"), "CNY", null, CaseStatus.OPEN, Stage.PRE_DUE, null, null);
        // the first day of the 2026 Spring Festival (15-23 Feb), at noon: the e-mail may go, the text may not
        setClock(at(2026, 2, 15, 12, 0));
        notices.preDueReminder(invoice, customer);

        assertThat(notBefore("SMS")).isEqualTo(at(2026, 2, 24, 8, 0).toInstant());
        assertThat(notBefore("PRE_DUE_REMINDER")).isEqualTo(at(2026, 2, 15, 12, 0).toInstant());
        assertThat(sms.dispatchPending()).isZero();
        setClock(at(2026, 2, 23, 18, 0));
        assertThat(sms.dispatchPending()).isZero();
        setClock(at(2026, 2, 24, 8, 0));
        assertThat(sms.dispatchPending()).isEqualTo(1);
        assertThat(RECEIVED).extracting(Received::idempotencyKey).containsExactly("SMS:PRE_DUE_REMINDER:INV-SMS-3");
    }

    @Test
    void aTextOnTheMakeUpWorkingSaturdayGoesThatDay() {
        Customer customer = new Customer("C-SMS4", "Hongda", Segment.DOMESTIC, "CN", "ap@hongda.test", "+86 138 0000 0002",
            "chen", null, Instant.now());
        Invoice invoice = new Invoice("INV-SMS-4", "C-SMS4", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 20), 50,
            new BigDecimal("900.00"), "CNY", null, CaseStatus.OPEN, Stage.PRE_DUE, null, null);
        setClock(at(2026, 2, 14, 23, 30)); // Saturday 14 Feb is worked (调休), but 23:30 is night: Sunday is a holiday
        notices.preDueReminder(invoice, customer);
        assertThat(notBefore("SMS")).isEqualTo(at(2026, 2, 24, 8, 0).toInstant());

        jdbc.sql("DELETE FROM outbox").update();
        setClock(at(2026, 2, 14, 9, 0));
        notices.preDueReminder(invoice, customer);
        assertThat(notBefore("SMS")).isEqualTo(at(2026, 2, 14, 9, 0).toInstant());
        assertThat(sms.dispatchPending()).isEqualTo(1);
    }

    private Instant notBefore(String kind) {
        return jdbc.sql("SELECT not_before FROM outbox WHERE kind = ?").param(kind)
            .query(java.sql.Timestamp.class).single().toInstant();
    }

    @Test
    void noTextForACustomerWithoutPhone() {
        Customer customer = new Customer("C-SMS2", "Hongda", Segment.DOMESTIC, "CN", "ap@hongda.test", null, "chen",
            null, Instant.now());
        Invoice invoice = new Invoice("INV-SMS-2", "C-SMS2", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), 30,
            new BigDecimal("1500.00"), "CNY", null, CaseStatus.OPEN, Stage.PRE_DUE, null, null);

        notices.preDueReminder(invoice, customer);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox WHERE kind = 'SMS'").query(Integer.class).single()).isZero();
        assertThat(sms.dispatchPending()).isZero();
        assertThat(RECEIVED).isEmpty();
    }

    @Autowired
    com.collectwise.customers.CustomerRepository customers;
    @Autowired
    com.collectwise.customers.CustomerService customerService;
    @Autowired
    com.collectwise.kernel.InvoiceRepository invoices;
    @Autowired
    com.collectwise.kernel.ContactLog contacts;
    @Autowired
    Outbox outbox;

    /**
     * A text the gateway refused to the end goes again to the number the customer file is corrected to, on a working
     * day: the number is corrected on Saturday 2026-03-07 at 10:00 (a weekend in March 2026, no make-up day), so the
     * copy waits until Monday 03-09 08:00; nothing goes on Saturday; on Monday it reaches the gateway once, to the new
     * number, and the case file says so (channel SMS, at 08:00). The refused one stays FAILED.
     */
    @Test
    void aRefusedTextGoesAgainToTheCorrectedNumberOnTheNextWorkingDay() {
        String id = "C-SMS-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        customers.insert(new Customer(id, "Hongda", Segment.DOMESTIC, "CN", "ap@hongda.test", "+86 138 0000 0009",
            "chen", null, Instant.now()));
        String number = "INV-" + id;
        invoices.insert(new Invoice(number, id, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 3), 30,
            new BigDecimal("900.00"), "CNY", null, CaseStatus.OPEN, Stage.INTERNAL_REMINDER, null, null));
        String key = "SMS:OVERDUE_REMINDER:" + number + ":1";
        outbox.enqueue(key, number, id, SmsGateway.KIND, "+86 138 0000 0009", null, "Invoice " + number
            + " is 1 day overdue: please pay CNY 900.00 today.");
        jdbc.sql("UPDATE outbox SET status = 'FAILED', attempts = 5 WHERE idempotency_key = ?").param(key).update();

        setClock(at(2026, 3, 7, 10, 0));
        customerService.update(id, new com.collectwise.customers.CustomerPatch(null, null, null,
            java.util.Optional.of("+86 139 1111 2222"), null, null, null, null), "supervisor1");

        assertThat(jdbc.sql("SELECT status || ' ' || recipient FROM outbox WHERE kind = 'SMS' ORDER BY id")
            .query(String.class).list()).containsExactly("FAILED +86 138 0000 0009", "PENDING +86 139 1111 2222");
        assertThat(jdbc.sql("SELECT not_before FROM outbox WHERE kind = 'SMS' AND status = 'PENDING'")
            .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(at(2026, 3, 9, 8, 0).toInstant());
        assertThat(sms.dispatchPending()).isZero();
        setClock(at(2026, 3, 9, 8, 0));
        assertThat(sms.dispatchPending()).isEqualTo(1);
        assertThat(sms.dispatchPending()).isZero();
        assertThat(RECEIVED).singleElement().satisfies(r -> assertThat(r.body()).contains("+86 139 1111 2222")
            .contains(number));
        assertThat(contacts.list(number)).singleElement().satisfies(e -> {
            assertThat(e.channel()).isEqualTo("SMS");
            assertThat(e.outcome()).isEqualTo("NOTICE_RESENT");
            assertThat(e.contactedAt()).isEqualTo(at(2026, 3, 9, 8, 0).toInstant());
            assertThat(e.note()).isEqualTo("Text message of 2026-03-04 sent again to +86 139 1111 2222 (the previous address or "
                + "number refused it; corrected in the customer file).");
        });
    }
}

package com.collectwise.communication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.kernel.BusinessClock;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import jakarta.mail.internet.MimeMessage;

/** E-mails from the outbox reach a real SMTP server (GreenMail) exactly once. */
@SpringBootTest(properties = {"spring.mail.host=localhost", "collectwise.mail.dispatch-interval=PT1H"})
@ActiveProfiles("test")
class MailDispatcherTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(
        new com.icegreen.greenmail.util.ServerSetup(SmtpPort.FREE, null, "smtp"));

    /**
     * A free port, not GreenMail's fixed 3025: two builds on one machine must not meet on it. Chosen before the
     * Spring context, which the coverage listener loads before GreenMail starts.
     */
    @org.springframework.test.context.DynamicPropertySource
    static void smtpPort(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SmtpPort.FREE);
    }

    static final class SmtpPort {
        static final int FREE = free();

        private static int free() {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Autowired
    MailDispatcher dispatcher;

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JavaMailSender realSender;

    @Autowired
    QuietHours quietHours;

    @Autowired
    BusinessClock clock;

    @BeforeEach
    void emptyOutbox() {
        jdbc.sql("DELETE FROM outbox").update();
        // a Wednesday morning: outside the quiet hours whenever the build runs
        setClock(at(2026, 3, 4, 10, 0));
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
    void aReminderThatFallsDueAt2330LeavesAt0800() throws Exception {
        setClock(at(2026, 3, 4, 23, 30));
        outbox.enqueue("reminder:Q-1", "Q-1", "C1", Outbox.OVERDUE_REMINDER, "ap@customer.test",
            "Invoice Q-1 is overdue", "Please pay.");
        outbox.enqueue("alert:Q-1", "Q-1", "C1", Outbox.SUPERVISOR_ALERT, null, "internal", "not held");

        OutboxMessage held = outbox.forInvoice("Q-1").get(0);
        assertThat(held.notBefore()).isEqualTo(at(2026, 3, 5, 8, 0).toInstant());
        assertThat(held.sendAt()).as("the outbox shows when it will go").isEqualTo(at(2026, 3, 5, 8, 0).toInstant());
        assertThat(outbox.forInvoice("Q-1").get(1).notBefore()).as("internal messages are not contact").isNull();
        assertThat(dispatcher.dispatchPending()).isZero();

        setClock(at(2026, 3, 5, 7, 59));
        assertThat(dispatcher.dispatchPending()).isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();

        setClock(at(2026, 3, 5, 8, 0));
        assertThat(dispatcher.dispatchPending()).isEqualTo(1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Invoice Q-1 is overdue");
        assertThat(status("reminder:Q-1")).isEqualTo("SENT");
    }

    @Test
    void aMessageDueBefore0800WaitsForThatMorningAndNothingGoesOutAtNight() {
        setClock(at(2026, 3, 5, 6, 15));
        outbox.enqueue("reminder:Q-2", "Q-2", "C1", Outbox.PRE_DUE_REMINDER, "ap@customer.test", "s", "b");
        assertThat(outbox.forInvoice("Q-2").get(0).notBefore()).isEqualTo(at(2026, 3, 5, 8, 0).toInstant());

        // written at 21:00 (may go at once), but the dispatcher only comes round at 22:05
        setClock(at(2026, 3, 5, 21, 0));
        outbox.enqueue("reminder:Q-3", "Q-3", "C1", Outbox.PRE_DUE_REMINDER, "ap@customer.test", "s", "b");
        assertThat(outbox.forInvoice("Q-3").get(0).notBefore()).isEqualTo(at(2026, 3, 5, 21, 0).toInstant());
        setClock(at(2026, 3, 5, 22, 5));
        assertThat(dispatcher.dispatchPending()).isZero();
        setClock(at(2026, 3, 6, 8, 0));
        assertThat(dispatcher.dispatchPending()).isEqualTo(2);
    }

    @Test
    void sendsEachPendingEmailOnceEvenWhenDispatchedTwice() throws Exception {
        outbox.enqueue("reminder:INV-1", "INV-1", "C1", Outbox.OVERDUE_REMINDER, "ap@customer.test",
            "Invoice INV-1 is overdue", "Please pay 1,000.00 CNY today.");
        outbox.enqueue("alert:INV-1", "INV-1", "C1", Outbox.SUPERVISOR_ALERT, null, "internal", "not an e-mail");

        assertThat(dispatcher.dispatchPending()).isEqualTo(1);
        assertThat(dispatcher.dispatchPending()).isZero();

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Invoice INV-1 is overdue");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("ap@customer.test");
        assertThat(status("reminder:INV-1")).isEqualTo("SENT");
        assertThat(status("alert:INV-1")).isEqualTo("PENDING");
    }

    /** The plan's payment demand (Civil Code art. 634) is the customer's last chance: it must leave as an e-mail. */
    @Test
    void thePaymentDemandOfAPlanAndItsAccelerationAreEmailed() throws Exception {
        outbox.enqueue("demand:INV-9", "INV-9", "C1", com.collectwise.agreements.AgreementService.DEMAND,
            "ap@customer.test", "Payment demand", "Pay the instalment within 10 days.");
        outbox.enqueue("accelerated:INV-9", "INV-9", "C1", com.collectwise.agreements.AgreementService.ACCELERATION,
            "ap@customer.test", "Plan ended", "The remainder is due.");

        assertThat(dispatcher.dispatchPending()).isEqualTo(2);
        assertThat(smtp.getReceivedMessages()).extracting(MimeMessage::getSubject)
            .containsExactlyInAnyOrder("Payment demand", "Plan ended");
    }

    @Autowired
    com.collectwise.statements.StatementSendings statementSendings;

    @Autowired
    com.collectwise.customers.CustomerRepository customers;

    @Test
    void theStatementOfAccountGoesOutWithThePdfKeptAsEvidence() throws Exception {
        String customerId = "C-MAIL-" + System.nanoTime();
        customers.insert(new com.collectwise.kernel.Customer(customerId, "Hongda Trading",
            com.collectwise.kernel.Segment.DOMESTIC, "CN", null, null, "chen", null, java.time.Instant.now()));
        var sending = statementSendings.onRequest(customerId, "zhou@hongda.test", "chen");

        assertThat(dispatcher.dispatchPending()).isEqualTo(1);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("zhou@hongda.test");
        var parts = (jakarta.mail.internet.MimeMultipart) received[0].getContent();
        jakarta.mail.BodyPart pdf = null;
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).getFileName() != null) {
                pdf = parts.getBodyPart(i);
            }
        }
        assertThat(pdf).as("an attachment").isNotNull();
        assertThat(pdf.getContentType()).startsWith("application/pdf");
        byte[] bytes = pdf.getInputStream().readAllBytes();
        assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)))
            .as("the bytes kept as evidence").isEqualTo(sending.sha256());
        assertThat(status("statement:" + customerId + ":" + sending.asOf() + ":zhou@hongda.test")).isEqualTo("SENT");
    }

    @Test
    void aCrashAfterTheServerAcceptedTheMailNeverSendsItAgain() {
        outbox.enqueue("reminder:INV-2", "INV-2", "C1", Outbox.OVERDUE_REMINDER, "ap@customer.test",
            "Invoice INV-2 is overdue", "Please pay.");
        JavaMailSenderImpl crashingAfterSend = new JavaMailSenderImpl() {
            @Override
            public void send(SimpleMailMessage... messages) {
                realSender.send(messages);
                throw new IllegalStateException("node died before writing SENT");
            }
        };
        MailDispatcher crashing = new MailDispatcher(jdbc, provider(crashingAfterSend), "c@x.test", 5, quietHours, clock);

        assertThatThrownBy(crashing::dispatchPending).isInstanceOf(IllegalStateException.class);
        assertThat(dispatcher.dispatchPending()).isZero();

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(status("reminder:INV-2")).isEqualTo("SENDING");
        assertThat(dispatcher.stuck()).hasSize(1);
    }

    @Test
    void aRefusedMailIsRetriedAndFailsAfterTheLastAttempt() {
        outbox.enqueue("reminder:INV-3", "INV-3", "C1", Outbox.OVERDUE_REMINDER, "ap@customer.test", "s", "b");
        JavaMailSenderImpl refusing = new JavaMailSenderImpl() {
            @Override
            public void send(SimpleMailMessage... messages) {
                throw new MailSendException("550 mailbox unavailable");
            }
        };
        MailDispatcher failing = new MailDispatcher(jdbc, provider(refusing), "c@x.test", 2, quietHours, clock);

        failing.dispatchPending();
        assertThat(status("reminder:INV-3")).isEqualTo("PENDING");
        failing.dispatchPending();
        assertThat(status("reminder:INV-3")).isEqualTo("FAILED");
        assertThat(jdbc.sql("SELECT last_error FROM outbox WHERE idempotency_key = 'reminder:INV-3'")
            .query(String.class).single()).contains("550");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void manyEmailsGoOutInBatchesAndARefusedAddressFailsOnlyItsOwnMessage() throws Exception {
        int count = MailDispatcher.BATCH * 2 + 7;
        for (int i = 0; i < count; i++) {
            outbox.enqueue("reminder:B-" + i, "B-" + i, "C1", Outbox.PRE_DUE_REMINDER, "ap" + i + "@customer.test",
                "Invoice B-" + i, "Please pay.");
        }
        java.util.List<Integer> batchSizes = new java.util.ArrayList<>();
        JavaMailSenderImpl refusingOne = new JavaMailSenderImpl() {
            @Override
            public void send(SimpleMailMessage... messages) {
                batchSizes.add(messages.length);
                java.util.Map<Object, Exception> failed = new java.util.LinkedHashMap<>();
                for (SimpleMailMessage m : messages) {
                    if (m.getTo()[0].equals("ap3@customer.test")) {
                        failed.put(m, new MailSendException("550 ap3 mailbox unavailable"));
                    } else {
                        realSender.send(m);
                    }
                }
                if (!failed.isEmpty()) {
                    throw new MailSendException(failed);
                }
            }
        };
        MailDispatcher batching = new MailDispatcher(jdbc, provider(refusingOne), "c@x.test", 5, quietHours, clock);

        assertThat(batching.dispatchPending()).isEqualTo(count - 1);

        assertThat(batchSizes).containsExactly(MailDispatcher.BATCH, MailDispatcher.BATCH, 7);
        assertThat(smtp.getReceivedMessages()).hasSize(count - 1);
        assertThat(status("reminder:B-3")).isEqualTo("PENDING");
        assertThat(status("reminder:B-4")).isEqualTo("SENT");
        // the refused one is tried again by the next dispatch, not in a loop within this one
        assertThat(jdbc.sql("SELECT attempts FROM outbox WHERE idempotency_key = 'reminder:B-3'")
            .query(Integer.class).single()).isEqualTo(1);
    }

    private String status(String key) {
        return jdbc.sql("SELECT status FROM outbox WHERE idempotency_key = ?").param(key).query(String.class).single();
    }

    private static ObjectProvider<JavaMailSender> provider(JavaMailSender sender) {
        return new ObjectProvider<>() {
            @Override
            public JavaMailSender getObject(Object... args) {
                return sender;
            }

            @Override
            public JavaMailSender getIfAvailable() {
                return sender;
            }

            @Override
            public JavaMailSender getIfUnique() {
                return sender;
            }

            @Override
            public JavaMailSender getObject() {
                return sender;
            }
        };
    }
}

package com.collectwise.communication;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.CaseFacts;
import com.collectwise.kernel.CaseVariables;

import com.collectwise.kernel.ElementProperty;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.fees.FeeService;

/**
 * "Send formal dunning letter": the demand with principal, interest (rate and basis), fees and consequences, kept
 * as evidence. It demands the undisputed part only, and a time-barred claim's letter threatens no suit.
 */
@Component("sendDunningLetterDelegate")
public class SendDunningLetterDelegate implements JavaDelegate {

    private final NoticeContext context;
    private final CaseFacts facts;
    private final CollectionNotices notices;
    private final DunningLetterService letters;
    private final BusinessClock clock;
    private final ContactLog contacts;
    private final ContactProblems problems;

    /** The contact log's outcome of the formal letter. */
    public static final String OUTCOME = "FORMAL_LETTER";

    public SendDunningLetterDelegate(NoticeContext context, CollectionNotices notices, DunningLetterService letters,
                                     BusinessClock clock, CaseFacts facts, ContactLog contacts,
                                     ContactProblems problems) {
        this.contacts = contacts;
        this.problems = problems;
        this.facts = facts;
        this.context = context;
        this.notices = notices;
        this.letters = letters;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NoticeContext.Case c = context.of((String) execution.getVariable(CaseVariables.INVOICE_NUMBER),
            facts.stageEntry(execution));
        LateCharges charges = context.lateCharges(c, FeeService.Kind.LETTER_FEE,
            ElementProperty.nextTaskRuns(execution, "chargeLetterFeeDelegate"));
        boolean written = notices.dunningLetter(c.figures().invoice(), c.customer(), c.figures().statement(),
            c.figures().daysOverdue(), c.stageEntry(), charges, clock.today(), c.disputed(), c.timeBarred());
        // the PDF is the evidence of the demand (hash + delivery status), downloadable from the case
        Document letter = letters.create(c.figures().invoice(), c.customer(), c.figures().statement(), charges,
            clock.today(), c.stageEntry(), c.disputed(), c.timeBarred());
        if (written) {
            logLetter(c, letter);
        }
        // the written reminders after the letter count from it (WrittenReminderSchedule)
        execution.setVariable(CaseVariables.FORMAL_LETTER_AT, com.collectwise.kernel.CasePlans.iso(clock.nowZoned()));
    }

    /**
     * The letter is a contact attempt and the evidence of the demand (DOMAIN.md 1, 7): the case file records it, and
     * the no-contact watch counts it. Without a usable e-mail address the letter still goes by post (its PDF), and the
     * collector gets the task to find an address.
     */
    private void logLetter(NoticeContext.Case c, Document letter) {
        String to = notices.mailTo(c.customer());
        String currency = c.figures().invoice().currency();
        contacts.append(new ContactEntry(null, c.figures().invoice().invoiceNumber(), c.customer().customerId(),
            "LETTER", clock.now(), null, null, OUTCOME, "Formal dunning letter " + letter.fileName() + " (document "
            + letter.id() + ")" + (to == null ? ", e-mail not sent: " + (c.customer().email() == null
                || c.customer().email().isBlank() ? "no e-mail address" : "address " + c.customer().email()
                + " refused") : ", e-mailed to " + to) + ": "
            + CollectionNotices.money(currency, CollectionNotices.demanded(c.figures().statement().total(),
                c.disputed())) + " demanded.", null, null));
        if (to == null) {
            problems.raiseFor(c.customer().customerId(), notices.whyUnreached(c.customer()));
        }
    }
}

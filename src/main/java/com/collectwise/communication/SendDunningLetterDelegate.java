package com.collectwise.communication;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Send formal dunning letter": the demand with principal, interest, fees and consequences, kept as evidence. */
@Component("sendDunningLetterDelegate")
public class SendDunningLetterDelegate implements JavaDelegate {

    private final NoticeContext context;
    private final CollectionNotices notices;
    private final DunningLetterService letters;
    private final com.collectwise.cases.BusinessClock clock;

    public SendDunningLetterDelegate(NoticeContext context, CollectionNotices notices, DunningLetterService letters,
                                     com.collectwise.cases.BusinessClock clock) {
        this.context = context;
        this.notices = notices;
        this.letters = letters;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NoticeContext.Case c = context.of(execution);
        notices.dunningLetter(c.figures().invoice(), c.customer(), c.figures().statement(), c.figures().daysOverdue(),
            c.stageEntry());
        // the PDF is the evidence of the demand (hash + delivery status), downloadable from the case
        letters.create(c.figures().invoice(), c.customer(), c.figures().statement(), clock.today(), c.stageEntry());
    }
}

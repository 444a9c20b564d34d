package com.collectwise.communication;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Send formal dunning letter": the demand with principal, interest, fees and consequences, kept as evidence. */
@Component("sendDunningLetterDelegate")
public class SendDunningLetterDelegate implements JavaDelegate {

    private final NoticeContext context;
    private final CollectionNotices notices;

    public SendDunningLetterDelegate(NoticeContext context, CollectionNotices notices) {
        this.context = context;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NoticeContext.Case c = context.of(execution);
        notices.dunningLetter(c.figures().invoice(), c.customer(), c.figures().statement(), c.figures().daysOverdue(),
            c.stageEntry());
    }
}

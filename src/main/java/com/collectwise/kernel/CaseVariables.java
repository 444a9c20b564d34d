package com.collectwise.kernel;

/**
 * The process-variable and message contract of the collection models. Code, models and tests use
 * these names; domain data itself lives in the domain tables, variables only carry what the
 * process routes on and what Cockpit and Tasklist show.
 */
public final class CaseVariables {

    private CaseVariables() {
    }

    public static final String PROCESS_COLLECTION = "Process_ReceivableCollection";
    public static final String PROCESS_MOVE_CASE = "Process_MoveCaseToStage";

    // case header, set at start and kept current
    public static final String INVOICE_NUMBER = "invoiceNumber";
    public static final String CUSTOMER_ID = "customerId";
    public static final String CUSTOMER_NAME = "customerName";
    public static final String SEGMENT = "segment";
    public static final String COLLECTOR = "collector";
    public static final String DECISION_MAKER = "decisionMaker";
    public static final String CURRENCY = "currency";
    /** Display copy of the outstanding total (a number for Cockpit); the ledger is the truth. */
    public static final String OUTSTANDING_AMOUNT = "outstandingAmount";
    public static final String INVOICE_AMOUNT = "invoiceAmount";
    /** On a call task: what to ask for today, formatted with the currency's decimals (undisputed part only). */
    public static final String AMOUNT_TO_COLLECT = "amountToCollect";
    public static final String DAYS_OVERDUE = "daysOverdue";
    public static final String CREDIT_TERM_DAYS = "creditTermDays";
    public static final String DUE_DATE = "dueDate";
    public static final String STAGE = "stage";

    /**
     * The case's plan in one variable (compact JSON, see {@link CasePlan}; read and written through the bean
     * {@code plan}, {@link CasePlans}): entry stage, stage dates and the contact and visit policy.
     */
    public static final String CASE_PLAN = "casePlan";
    // stage plan before issue 18, one variable each (ISO date-times, computed from Decision_CollectionPolicy at
    // start): the names of the plan's values; cases started on an older model version may still have them
    public static final String ENTRY_STAGE = "entryStage";
    public static final String PRE_DUE_REMINDER_AT = "preDueReminderAt";
    public static final String OVERDUE_AT = "overdueAt";
    public static final String FORMAL_DEMAND_AT = "formalDemandAt";
    public static final String FIELD_VISIT_AT = "fieldVisitAt";
    public static final String AGENCY_AT = "agencyAt";
    /** Working days a field collector has for a visit (policy DMN). */
    public static final String VISIT_SLA = "visitSlaWorkingDays";
    public static final String AGENCY_MANDATE = "agencyMandateDuration";

    // calls
    public static final String CALL_OUTCOME = "callOutcome";
    public static final String REACHED_PERSON = "reachedPerson";
    public static final String CALL_NOTE = "callNote";
    public static final String PROMISED_AMOUNT = "promisedAmount";
    public static final String PROMISED_DATE = "promisedDate";
    public static final String PROMISE_CHECK_AT = "promiseCheckAt";
    public static final String NEXT_CALL_AT = "nextCallAt";
    public static final String BROKEN_PROMISE = "brokenPromise";
    public static final String CONTACT_HISTORY = "contactHistory";

    // field visit, hand-offs, closing
    public static final String VISIT_OUTCOME = "visitOutcome";
    /**
     * A variable of the field stage (input mapping of "Collect in the field", false at its start): a payment was
     * promised at the visit, which ends the contact beside it (Event_PaymentPromisedAtVisit).
     */
    public static final String PROMISE_MADE_AT_VISIT = "promiseMadeAtVisit";
    public static final String VISIT_REPORT = "visitReport";
    public static final String NEXT_STEP = "nextStep";
    public static final String AGENCY_DECISION = "agencyDecision";
    public static final String AGENCY_REPORT_STATUS = "agencyReportStatus";
    public static final String LITIGATION_DECISION = "litigationDecision";
    public static final String CLOSING_DECISION = "closingDecision";
    public static final String BUYER = "buyer";
    public static final String SALE_PRICE = "salePrice";
    public static final String DECISION_REASON = "decisionReason";
    /** User id of the finance approver of a write-off or sale. */
    public static final String APPROVED_BY = "approvedBy";
    public static final String TARGET_STAGE = "targetStage";
    public static final String STAGE_CHANGE_REASON = "stageChangeReason";
    public static final String LAST_PAYMENT_AMOUNT = "lastPaymentAmount";

    // messages, correlated by business key = invoice number
    public static final String MSG_INVOICE_SETTLED = "Message_InvoiceSettled";
    public static final String MSG_PAYMENT_RECEIVED = "Message_PaymentReceived";
    public static final String MSG_AGENCY_REPORT = "Message_AgencyReport";
    public static final String MSG_STAGE_CHANGE = "Message_StageChangeRequested";

    // user tasks that Tasklist filters and the call list look up (DESIGN.md pins the first five)
    public static final String TASK_CALL_CUSTOMER = "Task_CallCustomer";
    /** The owner's task after a part payment without explanation (assigned like the calls). */
    public static final String TASK_CLARIFY_PARTIAL_PAYMENT = "Task_ClarifyPartialPayment";
    /** Where the call loop of the internal stage waits while the invoice is disputed in full. */
    public static final String EVENT_NO_FULL_DISPUTE_BEFORE_CALL = "Event_NoFullDisputeBeforeCall";
    /** Process_KeepInContact plans its next call here (a call withdrawn for a full dispute goes on here). */
    public static final String TASK_PLAN_FOLLOW_UP_CALL = "Task_PlanFollowUpCall";
    /** The field stage and the place before it where the case waits while the invoice is disputed in full. */
    public static final String SUBPROCESS_COLLECT_IN_FIELD = "SubProcess_CollectInField";
    public static final String EVENT_NO_FULL_DISPUTE_BEFORE_FIELD_VISIT = "Event_NoFullDisputeBeforeFieldVisit";
    /** The agency stage and the place before it where the case waits while the invoice is disputed in full. */
    public static final String SUBPROCESS_COLLECT_THROUGH_AGENCY = "SubProcess_CollectThroughAgency";
    public static final String EVENT_NO_FULL_DISPUTE_BEFORE_AGENCY = "Event_NoFullDisputeBeforeAgency";
    public static final String TASK_VISIT_CUSTOMER = "Task_VisitCustomer";
    public static final String TASK_APPROVE_AGENCY_HANDOFF = "Task_ApproveAgencyHandoff";
    public static final String TASK_REVIEW_LITIGATION = "Task_ReviewLitigation";
    public static final String TASK_APPROVE_WRITE_OFF = "Task_ApproveWriteOff";
    public static final String TASK_APPROVE_AGREEMENT = "Task_ApproveAgreement";
    /**
     * Process_Dispute's end after a credit note: where a credit note ends a dispute process on a version that could
     * neither receive it nor be migrated (CaseEngine.disputeCredited).
     */
    public static final String END_INVOICE_CREDITED = "EndEvent_InvoiceCredited";
    public static final String TASK_APPROVE_WAIVER = "Task_ApproveWaiver";
    public static final String TASK_RESOLVE_DISPUTE = "Task_ResolveDispute";

    // timers whose deadlines count working days, moved when a calendar year is loaded or replaced (WorkingDayDeadlines)
    public static final String TIMER_NEXT_CALL_DUE = "Timer_NextCallDue";
    public static final String TIMER_FOLLOW_UP_CALL_DUE = "Timer_FollowUpCallDue";
    public static final String TIMER_VISIT_SLA_EXPIRED = "Timer_VisitSlaExpired";
    public static final String TIMER_DISPUTE_SLA_EXPIRED = "Timer_DisputeSlaExpired";
    /** Process_InstalmentAgreement: the check of an instalment (its due date plus the grace in working days). */
    public static final String TIMER_INSTALMENT_DUE = "Timer_InstalmentDue";
    /** Process_InstalmentAgreement: the end of the payment demand's period (art. 634), in working days. */
    public static final String TIMER_DEMAND_PERIOD_OVER = "Timer_DemandPeriodOver";
    public static final String TASK_DECIDE_OVERDUE_DISPUTE = "Task_DecideOverdueDispute";
    public static final String TASK_FILE_SUIT = "Task_FileSuit";
    public static final String TASK_ATTEND_HEARING = "Task_AttendHearing";
    public static final String TASK_RECORD_JUDGMENT = "Task_RecordJudgment";
    public static final String TASK_ENFORCE_JUDGMENT = "Task_EnforceJudgment";
    public static final String TASK_REVIEW_LIMITATION = "Task_ReviewLimitation";
    /** The two alerts with a reason of their own (cases on models before the {@code alert} property: by their id). */
    public static final String TASK_ALERT_SUPERVISOR_ABOUT_OVERDUE_VISIT = "Task_AlertSupervisorAboutOverdueVisit";
    public static final String TASK_ALERT_SUPERVISOR_DECISION_MAKER_NOT_MET = "Task_AlertSupervisorDecisionMakerNotMet";

    /**
     * The two steps of Process_ReceivableCollection that run only in the transaction that starts the case, before it
     * first waits: no activity history of their own (history level {@code collection}, TUNING.md row 58).
     */
    public static final String TASK_DETERMINE_COLLECTION_POLICY = "Task_DetermineCollectionPolicy";
    public static final String TASK_PLAN_COLLECTION_STAGES = "Task_PlanCollectionStages";

    // decisions that code evaluates itself (the models call the others)
    public static final String DECISION_LATE_FEE_POLICY = "Decision_LateFeePolicy";
    public static final String DECISION_OBJECTION_PLAYBOOK = "Decision_ObjectionPlaybook";
    public static final String DECISION_COLLECTION_POLICY = "Decision_CollectionPolicy";
    public static final String DECISION_AGREEMENT_APPROVAL = "Decision_AgreementApproval";
    public static final String DECISION_LEGAL_COSTS = "Decision_LegalCosts";

    // added by the process models (issue 3, item 4): policy outputs, call and hand-off details
    public static final String PRE_DUE_REMINDER_DAYS = "preDueReminderDays";
    public static final String FORMAL_DEMAND_DAYS = "formalDemandDays";
    public static final String FIELD_VISIT_DAYS = "fieldVisitDays";
    public static final String AGENCY_DAYS = "agencyDays";
    /**
     * Counted stage entries of the case (part of outbox keys so that a re-entered stage writes anew) in cases started
     * before V29; since then the invoice counts them ({@link Invoice#stageEntries}, read by
     * {@link CaseFacts#stageEntry}), and only the litigation process gets it as an input.
     */
    public static final String STAGE_ENTRY_NUMBER = "stageEntryNumber";
    /**
     * When the latest formal letter of the case was sent (ISO date-time): the written reminders after it come every
     * {@code writtenReminderDays} from it, across both *Keep in contact* call activities.
     */
    public static final String FORMAL_LETTER_AT = "formalLetterAt";
    public static final String DEBTOR_TACTIC = "debtorTactic";
    public static final String OBJECTION_PLAYBOOK = "objectionPlaybook";
    public static final String PROMISE_ID = "promiseId";
    public static final String DECISION_MAKER_MET = "decisionMakerMet";
    public static final String AGENCY_COST_BENEFIT = "agencyCostBenefit";
    public static final String AGENCY_HANDOFF_NUMBER = "agencyHandoffNumber";
    public static final String LITIGATION_COST_BENEFIT = "litigationCostBenefit";
    public static final String PARTIAL_PAYMENT_REASON = "partialPaymentReason";
    public static final String STAGE_CHANGE_REQUESTED_BY = "stageChangeRequestedBy";

    // issue 5: promises over the API, instalment agreements, disputes
    public static final String PROCESS_INSTALMENT_AGREEMENT = "Process_InstalmentAgreement";
    public static final String PROCESS_DISPUTE = "Process_Dispute";
    public static final String MSG_PROMISE_MADE = "Message_PromiseMade";
    public static final String MSG_AGREEMENT_PROPOSED = "Message_AgreementProposed";
    public static final String MSG_DISPUTE_RAISED = "Message_DisputeRaised";
    /** A credit note posted over the API resolved the dispute: Process_Dispute ends as credited. */
    public static final String MSG_DISPUTE_CREDITED = "Message_DisputeCredited";
    /** Promise made over the API: checked by its own event sub-process, beside the call loop's promise. */
    public static final String API_PROMISE_ID = "apiPromiseId";
    public static final String API_PROMISE_CHECK_AT = "apiPromiseCheckAt";
    /** Call form, outcome INSTALMENT_REQUESTED: the service proposes an even monthly schedule from these. */
    public static final String INSTALMENT_COUNT = "instalmentCount";
    public static final String FIRST_INSTALMENT_DATE = "firstInstalmentDate";
    public static final String AGREEMENT_ID = "agreementId";
    public static final String AGREEMENT_TOTAL = "agreementTotal";
    public static final String AGREEMENT_NEEDS_APPROVAL = "agreementNeedsApproval";
    /**
     * The amount Decision_AgreementApproval judged: the customer's plans in the plan's currency being agreed or
     * running, this one included (agreements.AgreementService#customerPlansTotal), as a plain decimal string.
     */
    public static final String CUSTOMER_PLANS_TOTAL = "customerPlansTotal";
    public static final String AGREEMENT_DECISION = "agreementDecision";
    /** KEPT, ACCELERATED or REJECTED: the answer of Process_InstalmentAgreement to the case. */
    public static final String AGREEMENT_OUTCOME = "agreementOutcome";
    public static final String CURRENT_INSTALMENT = "currentInstalment";
    public static final String INSTALMENT_REMINDER_AT = "instalmentReminderAt";
    public static final String INSTALMENT_DUE_CHECK_AT = "instalmentDueCheckAt";
    /** Shown to the approver: the plan waives the interest that accrues while it is kept. */
    public static final String AGREEMENT_WAIVES_INTEREST = "agreementWaivesInterest";
    /** When the payment demand's period (plus the bank-feed grace) is over: the demand is checked. */
    public static final String DEMAND_CHECK_AT = "demandCheckAt";
    /** Whether what the demand asked for was paid (by value date) within its period. */
    public static final String DEMAND_MET = "demandMet";
    /** MET, UNPAID or WAITING (the demand went out later than written, or has not gone out: its period not over). */
    public static final String DEMAND_VERDICT = "demandVerdict";
    /** Whether the plan left the invoice settled when it ended (the case then ends with it). */
    public static final String PLAN_SETTLED_INVOICE = "planSettledInvoice";
    /** The running plan ends as kept: the invoice owes nothing any more. */
    public static final String MSG_PLAN_PAID_OFF = "Message_PlanPaidOff";
    /** PAID, LATE or ACCELERATED (see Acceleration). */
    public static final String INSTALMENT_VERDICT = "instalmentVerdict";
    public static final String MORE_INSTALMENTS = "moreInstalments";
    public static final String ACCELERATION_REASON = "accelerationReason";
    /** When and in which stage escalation was paused for an agreement (resumed with the time that was left). */
    public static final String ESCALATION_PAUSED_AT = "escalationPausedAt";
    public static final String PAUSED_STAGE = "pausedStage";
    /** Call form, outcome DISPUTED. */
    public static final String DISPUTE_CATEGORY = "disputeCategory";
    public static final String DISPUTED_AMOUNT = "disputedAmount";
    public static final String DISPUTE_DESCRIPTION = "disputeDescription";
    public static final String DISPUTE_ID = "disputeId";
    public static final String DISPUTE_GROUP = "disputeGroup";
    public static final String DISPUTE_SLA = "disputeSlaAt";
    /** CREDIT_NOTE or REJECT, chosen on Form_ResolveDispute. */
    public static final String DISPUTE_DECISION = "disputeDecision";
    public static final String DISPUTE_OUTCOME = "disputeOutcome";

    // hand-offs (issue 7): called processes, their outcomes, limitation
    public static final String PROCESS_AGENCY_HANDOFF = "Process_AgencyHandoff";
    public static final String PROCESS_LITIGATION = "Process_Litigation";
    /** COLLECTED, UNCOLLECTIBLE, EXPIRED or RECALLED: how the agency mandate ended. */
    public static final String AGENCY_OUTCOME = "agencyOutcome";
    public static final String AGENCY_RECALL_REASON = "agencyRecallReason";
    /** COLLECTED, SETTLED, LOST or WRITE_OFF (legal advised against suing). */
    public static final String LITIGATION_OUTCOME = "litigationOutcome";
    public static final String JUDGMENT = "judgment";
    public static final String ENFORCEMENT_RESULT = "enforcementResult";
    public static final String SUIT_FILED_ON = "suitFiledOn";
    public static final String COURT = "court";
    public static final String COURT_CASE_REFERENCE = "courtCaseReference";
    public static final String HEARING_DATE = "hearingDate";
    public static final String LIMITATION_DATE = "limitationDate";
    public static final String MSG_AGENCY_RECALL = "Message_AgencyRecall";
    public static final String MSG_LIMITATION_APPROACHING = "Message_LimitationApproaching";
    /** Withdraws legal's open "Review limitation" task: the limitation date it was opened for moved. */
    public static final String MSG_LIMITATION_DATE_MOVED = "Message_LimitationDateMoved";

    // issue 4: waivers and early-payment discounts, requested in Tasklist and approved by a supervisor
    public static final String PROCESS_REQUEST_WAIVER = "Process_RequestWaiver";
    /** INTEREST, FEES or PRINCIPAL (an early-payment discount). */
    public static final String WAIVER_COMPONENT = "waiverComponent";
    public static final String WAIVER_AMOUNT = "waiverAmount";
    public static final String WAIVER_REASON = "waiverReason";
    public static final String WAIVER_REQUESTED_BY = "waiverRequestedBy";
    /** APPROVE or REJECT, chosen on Form_ApproveWaiver. */
    public static final String WAIVER_DECISION = "waiverDecision";
    /** The statement the supervisor decides on (display copies; the ledger is the truth). */
    public static final String STATEMENT_AS_OF = "statementAsOf";
    public static final String OPEN_PRINCIPAL = "openPrincipal";
    public static final String OPEN_INTEREST = "openInterest";
    public static final String OPEN_FEES = "openFees";

    // issue 16: contact through every stage, visits by policy, disputes that stop escalation
    public static final String PROCESS_KEEP_IN_CONTACT = "Process_KeepInContact";
    /** The customer's country, as the policy DMN reads it to decide on field visits ("" = home country). */
    public static final String CUSTOMER_REGION = "customerRegion";
    /** Policy: after the formal letter, a call every so many working days and a written reminder every so many days. */
    public static final String FOLLOW_UP_CALL_WORKING_DAYS = "followUpCallWorkingDays";
    public static final String WRITTEN_REMINDER_DAYS = "writtenReminderDays";
    /** Policy: whether a field collector visits this customer (otherwise more calls). */
    public static final String FIELD_VISIT = "fieldVisit";
    /** End of the visit's service level: the visit task's due date and the "Visit overdue" timer. */
    public static final String VISIT_DUE_AT = "visitDueAt";
    /** How many visits this field stage planned (a second one when the decision maker was not met). */
    public static final String VISIT_NUMBER = "visitNumber";
    /** Whether a formal dunning letter was ever sent for the invoice (a case starting late gets one first). */
    public static final String FORMAL_LETTER_SENT = "formalLetterSent";
    /**
     * Set (transient, local to the execution, never written) by a reminder task whose reminder does not go out: it
     * sent nothing because open disputes withhold everything owed (DOMAIN.md 5), or no channel reaches the customer
     * (no e-mail address, no phone for SMS: the reminder waits in the outbox for an address). The fee task right after
     * it, in the same transaction, then books no fee (DOMAIN.md 6: fees are booked when the reminder goes out).
     */
    public static final String REMINDER_NOT_SENT = "reminderNotSent";
    /** Whether the invoice's limitation date has passed: then legal reviews it instead of an agency. */
    public static final String TIME_BARRED = "timeBarred";
    /** Visit outcome when the policy asks for calls instead of a visit. */
    public static final String NO_VISIT = "NO_VISIT";
}

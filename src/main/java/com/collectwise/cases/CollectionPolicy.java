package com.collectwise.cases;

/** Stage deadlines of a case in days relative to the due date, as Decision_CollectionPolicy decided them. */
public record CollectionPolicy(int preDueReminderDays, int formalDemandDays, int fieldVisitDays, int agencyDays) {
}

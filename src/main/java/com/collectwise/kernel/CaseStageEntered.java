package com.collectwise.kernel;



/**
 * A case entered a stage (published by {@link StageTracker} in the transaction that entered it). An agency whose
 * mandate still runs when the case enters another stage (a supervisor moved it) is told it was taken back.
 */
public record CaseStageEntered(String invoiceNumber, Stage stage) {
}

/**
 * The statement of account (对账单) of a customer: every open invoice, the payments and credits on them and the
 * total per currency as of a date, as JSON and as the PDF that is e-mailed for confirmation (at formal demand and
 * on request); a confirmed statement is an acknowledgement of the debt that restarts the limitation period.
 */
package com.collectwise.statements;

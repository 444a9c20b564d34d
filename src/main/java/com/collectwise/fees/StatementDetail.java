package com.collectwise.fees;

import com.collectwise.money.InterestAccrual;
import com.collectwise.money.Money;
import com.collectwise.money.Statement;
import java.util.List;

/**
 * A statement with its workings: the rate basis and interest periods, what accrued and what was paid or
 * reduced per component, and the customer credit (overpayment) on the invoice. What a letter or a court sees.
 *
 * @param accruedInterest interest accrued to the as-of date, after the cap
 * @param accruedFees     fees charged to the as-of date (incl. the EU compensation), after the cap
 * @param credit          money of the customer held on this invoice (overpayments), never part of the total
 * @param compensationNote why the EU EUR 40 of a late invoice is not charged (no exchange rate on or before the due
 *                         date to convert it), null when nothing is missing
 */
public record StatementDetail(Statement statement, InterestBasis basis, InterestAccrual interest,
                              Money accruedInterest, Money accruedFees, Money euCompensation, Money cap,
                              boolean capReached, Money credit, String compensationNote) {

    public StatementDetail(Statement statement, InterestBasis basis, InterestAccrual interest, Money accruedInterest,
                           Money accruedFees, Money euCompensation, Money cap, boolean capReached, Money credit) {
        this(statement, basis, interest, accruedInterest, accruedFees, euCompensation, cap, capReached, credit, null);
    }
}

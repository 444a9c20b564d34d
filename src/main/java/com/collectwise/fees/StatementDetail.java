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
 */
public record StatementDetail(Statement statement, InterestBasis basis, InterestAccrual interest,
                              Money accruedInterest, Money accruedFees, Money euCompensation, Money cap,
                              boolean capReached, Money credit) {
}

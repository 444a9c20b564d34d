package com.collectwise.handoff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * CN court acceptance fee for property cases (诉讼费用交纳办法 art. 13): 50 up to 10,000, then a rate on
 * the part of the claim within each band. Amounts in CNY, rounded to the fen.
 */
@Component
public class CourtFeeSchedule {

    static final BigDecimal MINIMUM_FEE = new BigDecimal("50");
    static final BigDecimal FLAT_UP_TO = new BigDecimal("10000");

    private record Band(BigDecimal upTo, BigDecimal rate) {
    }

    /** Upper bound of each band (null = no bound) and the rate applied to the part within it. */
    private static final List<Band> BANDS = List.of(
        new Band(new BigDecimal("100000"), new BigDecimal("0.025")),
        new Band(new BigDecimal("200000"), new BigDecimal("0.02")),
        new Band(new BigDecimal("500000"), new BigDecimal("0.015")),
        new Band(new BigDecimal("1000000"), new BigDecimal("0.01")),
        new Band(new BigDecimal("2000000"), new BigDecimal("0.009")),
        new Band(new BigDecimal("5000000"), new BigDecimal("0.008")),
        new Band(new BigDecimal("10000000"), new BigDecimal("0.007")),
        new Band(new BigDecimal("20000000"), new BigDecimal("0.006")),
        new Band(null, new BigDecimal("0.005")));

    public BigDecimal fee(BigDecimal claim) {
        BigDecimal fee = MINIMUM_FEE;
        BigDecimal lower = FLAT_UP_TO;
        for (Band band : BANDS) {
            if (claim.compareTo(lower) <= 0) {
                break;
            }
            BigDecimal top = band.upTo() == null ? claim : claim.min(band.upTo());
            fee = fee.add(top.subtract(lower).multiply(band.rate()));
            if (band.upTo() == null) {
                break;
            }
            lower = band.upTo();
        }
        return fee.setScale(2, RoundingMode.HALF_UP);
    }
}

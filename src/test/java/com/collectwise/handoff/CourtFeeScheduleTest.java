package com.collectwise.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CN court acceptance fee, to the fen, at every band boundary and inside bands. */
class CourtFeeScheduleTest {

    final CourtFeeSchedule schedule = new CourtFeeSchedule();

    @ParameterizedTest(name = "claim {0} -> fee {1}")
    @CsvSource({
        "0,           50.00",
        "8000,        50.00",
        "9999.99,     50.00",
        "10000,       50.00",
        "10000.01,    50.00",
        "10000.20,    50.01",
        "12345.67,    108.64",
        "50000,       1050.00",
        "100000,      2300.00",
        "150000,      3300.00",
        "200000,      4300.00",
        "350000,      6550.00",
        "500000,      8800.00",
        "1000000,     13800.00",
        "2000000,     22800.00",
        "5000000,     46800.00",
        "10000000,    81800.00",
        "20000000,    141800.00",
        "25000000,    166800.00",   // 141,800 + 5,000,000 x 0.5%
        "30000000,    191800.00",
        "123456789.99, 659083.95"
    })
    void fee(String claim, String fee) {
        assertThat(schedule.fee(new BigDecimal(claim))).isEqualTo(new BigDecimal(fee));
    }
}

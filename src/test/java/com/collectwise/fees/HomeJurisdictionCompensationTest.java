package com.collectwise.fees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.collectwise.customers.CustomerRepository;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Segment;
import com.collectwise.kernel.Stage;
import com.collectwise.money.Statement;

/**
 * The EUR 40 (Directive 2011/7/EU) follows the customer's jurisdiction as the statutory rate does (DOMAIN.md section
 * 6): a customer without a country is in the company's home jurisdiction ({@code collectwise.interest.home-country}).
 * A company at home in Germany charges its domestic customers without a country the EU rate and the EUR 40; before,
 * they were charged the EU rate without the EUR 40 (the compensation looked at the country field only). A company at
 * home in China charges the EUR 40 to its customers in EU member states, never to those without a country.
 * <p>
 * 10,000.00 EUR due 2025-07-31, unpaid, as of 2025-08-10: ECB of H2 2025 2.15 + 8 = 10.15%, 10 days:
 * 10,000 x 10.15 x 10 / 36,500 = 27.808219 -> 27.81; EUR 40 from 08-01: 10,067.81.
 */
class HomeJurisdictionCompensationTest {

    static final LocalDate DUE = LocalDate.of(2025, 7, 31);
    static final LocalDate AS_OF = LocalDate.of(2025, 8, 10);

    @Test
    void aDomesticCustomerWithoutACountryOfACompanyAtHomeInGermany_owesTheEur40WithTheEuRate() {
        Statement s = statement(new InterestSettings("DE", null), Segment.DOMESTIC, null);
        assertThat(s.interest()).isEqualByComparingTo("27.81");
        assertThat(s.fees()).isEqualByComparingTo("40.00");
        assertThat(s.total()).isEqualByComparingTo("10067.81");
    }

    @Test
    void aForeignCustomerWithoutACountry_isInNoJurisdiction_noInterestNoEur40() {
        Statement s = statement(new InterestSettings("DE", null), Segment.FOREIGN, null);
        assertThat(s.interest()).isEqualByComparingTo("0.00");
        assertThat(s.fees()).isEqualByComparingTo("0.00");
    }

    @Test
    void aCompanyAtHomeInChina_chargesItsFrenchCustomerTheEur40_notItsCustomerWithoutACountry() {
        InterestSettings china = InterestSettings.defaults();
        Statement french = statement(china, Segment.FOREIGN, "FR");
        // FR at the Directive minimum here (no country settings): 10.15% as above
        assertThat(french.fees()).isEqualByComparingTo("40.00");
        assertThat(french.total()).isEqualByComparingTo("10067.81");
        Statement home = statement(china, Segment.DOMESTIC, null);
        assertThat(home.fees()).isEqualByComparingTo("0.00");
        // CN: LPR 3.00 on the due date x 1.5 = 4.5%: 10,000 x 4.5 x 10 / 36,500 = 12.328767 -> 12.33
        assertThat(home.interest()).isEqualByComparingTo("12.33");
    }

    private static Statement statement(InterestSettings settings, Segment segment, String country) {
        Customer customer = new Customer("C-HOME", "Home GmbH", segment, country, null, null, "col1", null,
            Instant.parse("2025-01-01T00:00:00Z"));
        Invoice invoice = new Invoice("INV-HOME", "C-HOME", DUE.minusDays(30), DUE, 30, new BigDecimal("10000.00"),
            "EUR", null, CaseStatus.OPEN, Stage.INTERNAL_REMINDER, null, null);
        AppliedPayments payments = customerId -> List.of();
        CustomerRepository customers = mock(CustomerRepository.class);
        when(customers.find("C-HOME")).thenReturn(Optional.of(customer));
        when(customers.segmentChanges("C-HOME")).thenReturn(List.of());
        InvoiceRepository invoices = mock(InvoiceRepository.class);
        when(invoices.findByCustomer("C-HOME")).thenReturn(List.of(invoice));
        Ledger ledger = mock(Ledger.class);
        when(ledger.listByInvoices(any())).thenReturn(Map.of());
        ReferenceRates rates = mock(ReferenceRates.class);
        when(rates.table(ReferenceRates.Kind.LPR)).thenReturn(RateTable.of(Map.of(LocalDate.of(2025, 5, 20),
            new BigDecimal("3.00"))));
        when(rates.table(ReferenceRates.Kind.ECB)).thenReturn(RateTable.of(Map.of(LocalDate.of(2025, 7, 1),
            new BigDecimal("2.15"))));
        LateFeePolicySource policies = mock(LateFeePolicySource.class);
        StatementService service = new StatementService(payments, customers, invoices, ledger, rates,
            mock(FxRates.class), policies, settings, mock(BusinessClock.class));
        Statement alone = service.statement(invoice, AS_OF);
        // the account's replay (the path of a customer with money) says the same
        assertThat(service.account("C-HOME", AS_OF).result().invoice("INV-HOME").statement()).isEqualTo(alone);
        return alone;
    }
}

package com.collectwise.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.collectwise.fees.StatementService;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseHistory;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Stage;
import com.collectwise.money.Statement;

/**
 * The dashboard's 25 most overdue cases read the open invoices a page at a time, oldest due first, until the list is
 * full: it used to read every open invoice's number (100,000 numbers for 25 lines).
 */
class DashboardCaseListTest {

    private static final int OPEN = 100_000;

    final InvoiceRepository invoices = mock(InvoiceRepository.class);
    final StatementService statements = mock(StatementService.class);
    final CaseHistory history = mock(CaseHistory.class);
    final BusinessClock clock = new BusinessClock("UTC");
    final DashboardService service = new DashboardService(null, null, invoices, statements, clock, null, history,
        null);

    /** Invoice i is due i days after 2000-01-01 (the oldest first); every second one owes nothing. */
    @Test
    void readsPagesOfOpenInvoicesUntilTwentyFiveOweSomething() {
        LocalDate today = clock.today();
        when(invoices.openIssuedByPage(eq(today), anyInt(), anyInt())).thenAnswer(call -> {
            int offset = call.getArgument(1);
            int limit = call.getArgument(2);
            return IntStream.range(offset, Math.min(OPEN, offset + limit)).mapToObj(DashboardCaseListTest::number)
                .toList();
        });
        when(invoices.find(anyString())).thenAnswer(call -> Optional.of(invoice(call.getArgument(0))));
        when(statements.statementsAsOf(today)).thenReturn(invoice -> {
            Statement s = mock(Statement.class);
            int i = Integer.parseInt(invoice.invoiceNumber().substring(4));
            when(s.total()).thenReturn(i % 2 == 0 ? new BigDecimal("100.00") : BigDecimal.ZERO);
            return s;
        });

        List<Dashboard.CaseLine> lines = service.cases(today);

        List<String> expected = new ArrayList<>();
        for (int i = 0; expected.size() < 25; i += 2) {
            expected.add(number(i));
        }
        assertThat(lines).extracting(Dashboard.CaseLine::invoiceNumber).containsExactlyElementsOf(expected);
        assertThat(lines.get(0).daysPastDue()).isEqualTo(java.time.temporal.ChronoUnit.DAYS.between(
            LocalDate.of(2000, 1, 1), today));
        // 49 invoices give 25 lines: two pages of 40, not 100,000 numbers
        verify(invoices).openIssuedByPage(today, 0, DashboardService.CASE_PAGE);
        verify(invoices).openIssuedByPage(today, DashboardService.CASE_PAGE, DashboardService.CASE_PAGE);
        verify(invoices, never()).openIssuedByPage(eq(today), eq(2 * DashboardService.CASE_PAGE), anyInt());
        verify(invoices, atMost(49)).find(anyString());
        verify(history, never()).at(any(), any());
    }

    @Test
    void fewerOpenInvoicesThanLinesEndAfterTheFirstShortPage() {
        LocalDate today = clock.today();
        when(invoices.openIssuedByPage(eq(today), anyInt(), anyInt())).thenReturn(List.of(number(0), number(1)));
        when(invoices.find(anyString())).thenAnswer(call -> Optional.of(invoice(call.getArgument(0))));
        Statement owing = mock(Statement.class);
        when(owing.total()).thenReturn(BigDecimal.TEN);
        when(statements.statementsAsOf(today)).thenReturn(invoice -> owing);

        assertThat(service.cases(today)).hasSize(2);
        verify(invoices).openIssuedByPage(today, 0, DashboardService.CASE_PAGE);
        verify(invoices, never()).openIssuedByPage(today, DashboardService.CASE_PAGE, DashboardService.CASE_PAGE);
    }

    private static String number(int i) {
        return "INV-" + i;
    }

    private static Invoice invoice(String number) {
        int i = Integer.parseInt(number.substring(4));
        Invoice invoice = mock(Invoice.class);
        when(invoice.invoiceNumber()).thenReturn(number);
        when(invoice.customerId()).thenReturn("C" + i);
        when(invoice.currency()).thenReturn("CNY");
        when(invoice.stage()).thenReturn(Stage.FORMAL_DEMAND);
        when(invoice.dueDate()).thenReturn(LocalDate.of(2000, 1, 1).plusDays(i));
        return invoice;
    }
}

package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import com.collectwise.calendar.CalendarReminder;
import com.collectwise.kernel.BusinessCalendar;
import com.collectwise.communication.Outbox;

/**
 * GET/PUT /api/calendar/{year} (DESIGN.md), the December reminder and the outbox's send time. The tests that write
 * use years no rule of the shared context looks at (2030 for Japan), or remove what they wrote.
 */
class CalendarApiTest extends ApiTestSupport {

    @Autowired
    BusinessCalendar calendar;

    @Autowired
    CalendarReminder reminder;

    @Autowired
    TaskService tasks;

    @Autowired
    Outbox outbox;

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        jdbc.sql("DELETE FROM calendar_days WHERE country = 'JP' OR (country = 'CN' AND calendar_date >= DATE '2027-01-01')")
            .update();
        jdbc.sql("DELETE FROM calendar_years WHERE country = 'JP' OR (country = 'CN' AND cal_year >= 2027)").update();
        calendar.invalidateAll();
        reminderTasks("CN", 2027).forEach(t -> tasks.deleteTask(t.getId(), true));
    }

    private Response put(String user, String path, Object body) {
        return exchange(user, HttpMethod.PUT, path, body, MediaType.APPLICATION_JSON);
    }

    @Test
    void everyGroupReadsChinasOfficialCalendarAsShipped() {
        for (String user : List.of(COLLECTOR, FIELD_COLLECTOR, LEGAL, INTEGRATION, FINANCE, SUPERVISOR)) {
            Response r = get(user, "/api/calendar/2026");
            assertThat(r.status()).as(user + " " + r.raw()).isEqualTo(200);
        }
        Response r = get(COLLECTOR, "/api/calendar/2026?country=CN");
        assertThat(r.body().path("country").asText()).isEqualTo("CN");
        assertThat(texts(r, "holidays")).contains("2026-01-01", "2026-02-15", "2026-02-23", "2026-10-07")
            .doesNotContain("2026-12-25", "2026-02-24").hasSize(33);
        assertThat(texts(r, "workingWeekends")).containsExactly("2026-01-04", "2026-02-14", "2026-02-28",
            "2026-05-09", "2026-09-20", "2026-10-10");
        assertThat(r.body().path("source").asText()).contains("国办发明电〔2025〕7号");

        Response y2025 = get(FIELD_COLLECTOR, "/api/calendar/2025");
        assertThat(texts(y2025, "workingWeekends")).containsExactly("2025-01-26", "2025-02-08", "2025-04-27",
            "2025-09-28", "2025-10-11");
    }

    @Test
    void unauthenticatedIs401AndAMissingYearIs404AndBadKeysAre400() {
        assertProblem(get(null, "/api/calendar/2026"), 401);
        assertProblem(put(null, "/api/calendar/2030?country=JP", Map.of("holidays", List.of())), 401);
        assertProblem(get(COLLECTOR, "/api/calendar/2031"), 404);
        Response badCountry = get(COLLECTOR, "/api/calendar/2026?country=XX");
        assertProblem(badCountry, 400);
        assertThat(errorFields(badCountry)).containsExactly("country");
        Response badYear = get(COLLECTOR, "/api/calendar/twenty");
        assertProblem(badYear, 400);
        assertThat(errorFields(badYear)).containsExactly("year");
    }

    /** A year is four digits: 2030.0, +2030 and 2e3 were read as numbers and taken for 2030 (and 2000). */
    @Test
    void aYearWrittenAnyOtherWayIsA400() {
        for (String year : List.of("2030.0", "+2030", "2e3", "02030", "-2030", "２０３０")) {
            Response r = get(COLLECTOR, "/api/calendar/" + year + "?country=JP");
            assertProblem(r, 400);
            assertThat(errorFields(r)).as(year).containsExactly("year");
            Response put = put(FINANCE, "/api/calendar/" + year + "?country=JP",
                Map.of("holidays", List.of("2030-01-01")));
            assertProblem(put, 400);
            assertThat(errorFields(put)).as(year).containsExactly("year");
        }
    }

    /**
     * POST and DELETE are no method of a calendar year: 405 with Allow for every signed-in user (it was 403 for all but
     * administrators, as if someone else could); anonymous callers still get 401 first.
     */
    @Test
    void aMethodTheCalendarDoesNotTakeIs405ForEverySignedInUser() {
        for (String user : List.of(FINANCE, COLLECTOR, ADMIN)) {
            for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.DELETE, HttpMethod.PATCH)) {
                Response r = exchange(user, method, "/api/calendar/2030", method == HttpMethod.DELETE ? null
                    : Map.of("holidays", List.of()), method == HttpMethod.DELETE ? null : MediaType.APPLICATION_JSON);
                assertProblem(r, 405);
                assertThat(r.headers().getAllow()).as(user + " " + method).contains(HttpMethod.GET, HttpMethod.PUT);
            }
        }
        assertProblem(exchange(null, HttpMethod.DELETE, "/api/calendar/2030", null, null), 401);
        // a path that is no endpoint stays forbidden to all but administrators, who learn it is none
        assertProblem(get(FINANCE, "/api/no-such-thing"), 403);
        assertProblem(get(ADMIN, "/api/no-such-thing"), 404);
    }

    @Test
    void onlySupervisorsAndFinanceLoadACalendar() {
        Map<String, Object> body = Map.of("holidays", List.of("2030-01-01"));
        for (String user : List.of(COLLECTOR, FIELD_COLLECTOR, LEGAL, INTEGRATION)) {
            assertProblem(put(user, "/api/calendar/2030?country=JP", body), 403);
        }
        assertProblem(get(SUPERVISOR, "/api/calendar/2030?country=JP"), 404);
        assertThat(put(FINANCE, "/api/calendar/2030?country=JP", body).status()).isEqualTo(200);
        assertThat(put(SUPERVISOR, "/api/calendar/2030?country=JP", body).status()).isEqualTo(200);
    }

    @Test
    void aPutReplacesTheYearAndAReplayChangesNothing() {
        Map<String, Object> first = Map.of("holidays", List.of("2030-01-03", "2030-01-01", "2030-01-02"),
            "workingWeekends", List.of("2030-01-12"), "source", "Cabinet Office list");
        Response created = put(FINANCE, "/api/calendar/2030?country=JP", first);
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        assertThat(texts(created, "holidays")).containsExactly("2030-01-01", "2030-01-02", "2030-01-03");
        assertThat(texts(created, "workingWeekends")).containsExactly("2030-01-12");
        assertThat(created.body().path("updatedBy").asText()).isEqualTo(FINANCE);
        assertThat(calendar.isWorkingDay("JP", LocalDate.of(2030, 1, 2))).as("a Wednesday holiday").isFalse();
        assertThat(calendar.isWorkingDay("JP", LocalDate.of(2030, 1, 12))).as("a worked Saturday").isTrue();

        Response replay = put(SUPERVISOR, "/api/calendar/2030?country=JP", first);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(created.body());

        Response replaced = put(SUPERVISOR, "/api/calendar/2030?country=JP", Map.of("holidays", List.of("2030-05-06")));
        assertThat(texts(replaced, "holidays")).containsExactly("2030-05-06");
        assertThat(texts(replaced, "workingWeekends")).isEmpty();
        assertThat(get(COLLECTOR, "/api/calendar/2030?country=JP").body()).isEqualTo(replaced.body());
        // the cache was invalidated: the working-day rules see the new year at once
        assertThat(calendar.isWorkingDay("JP", LocalDate.of(2030, 1, 2))).isTrue();
        assertThat(calendar.isWorkingDay("JP", LocalDate.of(2030, 1, 12))).isFalse();
        assertThat(calendar.isWorkingDay("JP", LocalDate.of(2030, 5, 6))).isFalse();
    }

    /**
     * The same days with another {@code source} (the notice's number corrected) replace the source: before the fix
     * the PUT answered 200 with the old source "draft list" and kept it, the new one was dropped without a word.
     */
    @Test
    void aPutWithTheSameDaysAndAnotherSourceReplacesTheSource() {
        Map<String, Object> draft = Map.of("holidays", List.of("2030-01-01"), "source", "draft list");
        Response first = put(FINANCE, "/api/calendar/2030?country=JP", draft);
        assertThat(first.status()).as(first.raw()).isEqualTo(200);

        Map<String, Object> corrected = Map.of("holidays", List.of("2030-01-01"), "source", "Cabinet Office list");
        Response second = put(SUPERVISOR, "/api/calendar/2030?country=JP", corrected);
        assertThat(second.status()).as(second.raw()).isEqualTo(200);
        assertThat(second.body().path("source").asText()).isEqualTo("Cabinet Office list");
        assertThat(second.body().path("updatedBy").asText()).isEqualTo(SUPERVISOR);
        assertThat(texts(second, "holidays")).containsExactly("2030-01-01");
        assertThat(get(COLLECTOR, "/api/calendar/2030?country=JP").body()).isEqualTo(second.body());

        // and the corrected body again is a replay: nothing changes, not even the time stamp
        Response replay = put(FINANCE, "/api/calendar/2030?country=JP", corrected);
        assertThat(replay.body()).isEqualTo(second.body());
    }

    @Test
    void everyBadDateIsReportedByFieldAndNothingIsWritten() {
        put(FINANCE, "/api/calendar/2030?country=JP", Map.of("holidays", List.of("2030-01-01")));
        Response r = put(FINANCE, "/api/calendar/2030?country=JP", Map.of(
            "holidays", List.of("2030-13-01", "2029-12-31", "2030-01-05", "2030-01-05"),
            "workingWeekends", List.of("2030-01-07", "2030-01-05", "2031-01-04", "2030-01-06")));
        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactlyInAnyOrder("holidays[0]", "holidays[1]", "holidays[3]",
            "workingWeekends[0]", "workingWeekends[1]", "workingWeekends[2]");
        assertThat(r.raw()).contains("Saturday or Sunday").contains("also listed as a holiday").contains("in 2030");
        assertThat(texts(get(FINANCE, "/api/calendar/2030?country=JP"), "holidays")).containsExactly("2030-01-01");

        List<String> tooMany = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2030, 1, 1); tooMany.size() < 121; d = d.plusDays(1)) {
            tooMany.add(d.toString());
        }
        Response big = put(FINANCE, "/api/calendar/2030?country=JP", Map.of("holidays", tooMany));
        assertProblem(big, 400);
        assertThat(errorFields(big)).containsExactly("holidays");
        Response none = put(FINANCE, "/api/calendar/2030?country=JP", Map.of("workingWeekends", List.of()));
        assertProblem(none, 400);
        assertThat(errorFields(none)).containsExactly("holidays");
        Response badYear = put(FINANCE, "/api/calendar/1999?country=JP", Map.of("holidays", List.of()));
        assertProblem(badYear, 400);
        assertThat(errorFields(badYear)).containsExactly("year");
    }

    @Test
    void inDecemberOneTaskAsksSupervisorsForNextYearsCalendarUntilItIsLoaded() {
        setClock(2026, 11, 30);
        assertThat(reminder.check()).as("not before December").isEmpty();
        assertThat(reminderTasks("CN", 2027)).isEmpty();

        setClock(2026, 12, 1);
        assertThat(reminder.check()).containsExactly("CN");
        assertThat(reminder.check()).as("the check runs every hour; the task is one").isEmpty();
        setClock(2026, 12, 2);
        assertThat(reminder.check()).isEmpty();
        List<Task> open = reminderTasks("CN", 2027);
        assertThat(open).hasSize(1);
        assertThat(open.get(0).getName()).isEqualTo("Load next year's working calendar: CN 2027");
        assertThat(tasks.createTaskQuery().taskId(open.get(0).getId()).taskCandidateGroup("supervisors").count())
            .isOne();

        Response loaded = put(SUPERVISOR, "/api/calendar/2027", Map.of("holidays", List.of("2027-01-01")));
        assertThat(loaded.status()).as(loaded.raw()).isEqualTo(200);
        assertThat(reminderTasks("CN", 2027)).as("loading the year completes the task").isEmpty();
        setClock(2026, 12, 3);
        assertThat(reminder.check()).isEmpty();
    }

    @Test
    void theMessagesOfACaseShowWhenEachWillGo() {
        String invoice = createInvoice(createCustomer(), "800.00");
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, 3, 4, 23, 30, 0, 0, ZoneId.of("Asia/Shanghai"))
            .toInstant()));
        outbox.enqueue("quiet:" + invoice, invoice, null, Outbox.OVERDUE_REMINDER, "ap@customer.test", "s", "b");

        Response r = get(COLLECTOR, "/api/invoices/" + invoice + "/messages");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        var message = r.body().findParents("kind").stream()
            .filter(m -> m.path("kind").asText().equals(Outbox.OVERDUE_REMINDER)).findFirst().orElseThrow();
        assertThat(message.path("notBefore").asText()).isEqualTo("2026-03-05T00:00:00Z"); // 08:00 in Shanghai
        assertThat(message.path("sendAt").asText()).isEqualTo("2026-03-05T00:00:00Z");
    }

    private void setClock(int year, int month, int day) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(year, month, day, 9, 0, 0, 0, ZoneId.of("Asia/Shanghai"))
            .toInstant()));
    }

    private List<Task> reminderTasks(String country, int year) {
        return tasks.createTaskQuery().taskNameLike("Load next year's working calendar%").list().stream()
            .filter(t -> t.getDescription() != null && t.getDescription().startsWith("calendar-missing:" + country
                + ":" + year + "\n"))
            .toList();
    }

    private static List<String> texts(Response r, String field) {
        List<String> values = new ArrayList<>();
        r.body().path(field).forEach(n -> values.add(n.asText()));
        return values;
    }
}

package com.collectwise.kernel;

import static com.collectwise.kernel.CaseVariables.*;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Bean {@code plan}: the one way in and out of a case's {@link CasePlan}, for code and for the models. Timers and
 * gateways read it as {@code ${plan.formalDemandAt(execution)}}, {@code ${plan.entryStage(execution) == 'PRE_DUE'}};
 * the start writes it from the policy decision ({@code ${plan.fromPolicy(decisionResult.getSingleResult())}}), and
 * stage moves and escalation pauses change it through {@link #write}.
 * <p>
 * The timers' readers ({@code preDueReminderAt}, {@code overdueAt}, {@code formalDemandAt}, {@code fieldVisitAt},
 * {@code agencyAt}) return the plan's date as a {@link Date}: Camunda's timer takes a date from its expression as it
 * is, while a text is parsed again by the engine (Joda) at every timer it creates (TUNING.md row 62). The plan keeps
 * its ISO text (Cockpit shows it); the models' expression texts are the same for every version, so a case on any
 * version gets the same due dates.
 * <p>
 * A case started on a model version before issue 18 has no {@code casePlan} but the single variables of the same
 * names; every reader falls back to them, and the first {@link #write} replaces them by the plan.
 */
@Component("plan")
public class CasePlans {

    /** The plan's values as single variables, before issue 18. */
    static final List<String> SINGLE_VARIABLES = List.of(ENTRY_STAGE, PRE_DUE_REMINDER_AT, OVERDUE_AT,
        FORMAL_DEMAND_AT, FIELD_VISIT_AT, AGENCY_AT, FIELD_VISIT, VISIT_SLA, FOLLOW_UP_CALL_WORKING_DAYS,
        WRITTEN_REMINDER_DAYS, AGENCY_MANDATE);

    private static final ObjectMapper JSON = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final BusinessClock clock;

    public CasePlans(BusinessClock clock) {
        this.clock = clock;
    }

    /** The case's plan: {@code casePlan}, or the single variables of a case started before it existed. */
    public CasePlan of(VariableScope scope) {
        Object json = scope.getVariable(CASE_PLAN);
        if (json != null) {
            return parse((String) json);
        }
        return new CasePlan(string(scope, ENTRY_STAGE), string(scope, PRE_DUE_REMINDER_AT), string(scope, OVERDUE_AT),
            string(scope, FORMAL_DEMAND_AT), string(scope, FIELD_VISIT_AT), string(scope, AGENCY_AT),
            (Boolean) scope.getVariable(FIELD_VISIT), integer(scope.getVariable(VISIT_SLA)),
            integer(scope.getVariable(FOLLOW_UP_CALL_WORKING_DAYS)), integer(scope.getVariable(WRITTEN_REMINDER_DAYS)),
            string(scope, AGENCY_MANDATE), null, null, null, null);
    }

    /** Sets {@code casePlan}; a case that still had the single variables loses them (the plan has their values). */
    public void write(VariableScope scope, CasePlan plan) {
        scope.setVariable(CASE_PLAN, toJson(plan));
        for (String name : SINGLE_VARIABLES) {
            if (scope.hasVariable(name)) {
                scope.removeVariable(name);
            }
        }
    }

    /** Output mapping of "Determine collection policy": the decision's outputs, before they become dates. */
    public String fromPolicy(Map<String, Object> decided) {
        return toJson(new CasePlan(null, null, null, null, null, null, (Boolean) decided.get(FIELD_VISIT),
            integer(decided.get(VISIT_SLA)), integer(decided.get(FOLLOW_UP_CALL_WORKING_DAYS)),
            integer(decided.get(WRITTEN_REMINDER_DAYS)), (String) decided.get(AGENCY_MANDATE),
            integer(decided.get(PRE_DUE_REMINDER_DAYS)), integer(decided.get(FORMAL_DEMAND_DAYS)),
            integer(decided.get(FIELD_VISIT_DAYS)), integer(decided.get(AGENCY_DAYS))));
    }

    // ---- readers for the models (timers, gateways, call activity mappings) and delegates

    public String entryStage(VariableScope scope) {
        return of(scope).entryStage();
    }

    /** Timer date (see the class comment: a {@link Date}, not the plan's text). */
    public Date preDueReminderAt(VariableScope scope) {
        return date(of(scope).preDueReminderAt());
    }

    /** Timer date (see the class comment: a {@link Date}, not the plan's text). */
    public Date overdueAt(VariableScope scope) {
        return date(of(scope).overdueAt());
    }

    /** Timer date (see the class comment: a {@link Date}, not the plan's text). */
    public Date formalDemandAt(VariableScope scope) {
        return date(of(scope).formalDemandAt());
    }

    /**
     * Gateway "Is the formal demand due already?": whether the formal demand date has come (the engine clock), as it
     * has when the pre-due stage ends for a term so short that the demand falls on the first overdue day.
     */
    public boolean formalDemandDue(VariableScope scope) {
        Date at = formalDemandAt(scope);
        return at != null && !at.toInstant().isAfter(clock.now());
    }

    /** Timer date (see the class comment: a {@link Date}, not the plan's text). */
    public Date fieldVisitAt(VariableScope scope) {
        return date(of(scope).fieldVisitAt());
    }

    /** Timer date (see the class comment: a {@link Date}, not the plan's text). */
    public Date agencyAt(VariableScope scope) {
        return date(of(scope).agencyAt());
    }

    /** Whether a field collector visits; a case planned before the contact policy (issue 16) always did. */
    public boolean fieldVisit(VariableScope scope) {
        Boolean visit = of(scope).fieldVisit();
        return visit == null || visit;
    }

    public Integer visitSlaWorkingDays(VariableScope scope) {
        return of(scope).visitSlaWorkingDays();
    }

    public Integer followUpCallWorkingDays(VariableScope scope) {
        return of(scope).followUpCallWorkingDays();
    }

    public Integer writtenReminderDays(VariableScope scope) {
        return of(scope).writtenReminderDays();
    }

    public String agencyMandateDuration(VariableScope scope) {
        return of(scope).agencyMandateDuration();
    }

    /** The date-time format of the plan and of every timer date the models read. */
    public static String iso(ZonedDateTime t) {
        return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /**
     * The instant of a plan date ({@link #iso}'s text; {@code null} stays {@code null}) as a timer takes it. The
     * texts the plan holds, {@code 2026-03-13T09:00:00+08:00} or {@code ...T09:00:00Z}, are read field by field;
     * any other ISO form (fractions of a second, an offset with seconds) as {@link OffsetDateTime#parse} reads it.
     * Both give the instant Camunda's own parse of the text gave (CasePlansTest).
     */
    public static Date date(String iso) {
        if (iso == null) {
            return null;
        }
        long epochSecond = plainEpochSecond(iso);
        return new Date(epochSecond != NOT_PLAIN ? epochSecond * 1000
            : OffsetDateTime.parse(iso).toInstant().toEpochMilli());
    }

    private static final long NOT_PLAIN = Long.MIN_VALUE;

    /** {@code yyyy-MM-ddTHH:mm:ss} and {@code Z} or {@code +HH:MM}/{@code -HH:MM}, or {@link #NOT_PLAIN}. */
    private static long plainEpochSecond(String s) {
        int n = s.length();
        if ((n != 20 && n != 25) || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
            || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return NOT_PLAIN;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return NOT_PLAIN;
        }
        int offsetSeconds;
        char sign = s.charAt(19);
        if (n == 20) {
            if (sign != 'Z') {
                return NOT_PLAIN;
            }
            offsetSeconds = 0;
        } else {
            int offsetHours = digits(s, 20, 2);
            int offsetMinutes = digits(s, 23, 2);
            if ((sign != '+' && sign != '-') || s.charAt(22) != ':' || offsetHours < 0 || offsetMinutes < 0
                || offsetMinutes > 59) {
                return NOT_PLAIN;
            }
            offsetSeconds = (sign == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second)
                .toEpochSecond(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException e) {
            return NOT_PLAIN; // out of range: OffsetDateTime.parse says why
        }
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    public static CasePlan parse(String json) {
        // a case start reads its plan up to 6 times (the plan step, the entry gateways' conditions, the first timer):
        // the last text parsed on this thread and its plan (a record of strings and numbers) are kept
        Object[] last = LAST_PARSED.get();
        if (last != null && last[0].equals(json)) {
            return (CasePlan) last[1];
        }
        try {
            CasePlan plan = JSON.readValue(json, CasePlan.class);
            LAST_PARSED.set(new Object[] {json, plan});
            return plan;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("casePlan is not a plan: " + json, e);
        }
    }

    private static final ThreadLocal<Object[]> LAST_PARSED = new ThreadLocal<>();

    static String toJson(CasePlan plan) {
        try {
            String json = JSON.writeValueAsString(plan);
            // the plan just written is read next (the decision's output by "Plan collection stages", the plan by the
            // entry gateway and the first timer): it is the last parse of this thread already (a record of strings,
            // numbers and a boolean reads back equal; CasePlansTest)
            LAST_PARSED.set(new Object[] {json, plan});
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String string(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : value.toString();
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }
}

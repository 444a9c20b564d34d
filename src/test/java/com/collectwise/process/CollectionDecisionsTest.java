package com.collectwise.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Every rule of the three process DMN tables, evaluated by the engine as deployed. */
@SpringBootTest
@ActiveProfiles("test")
class CollectionDecisionsTest {

    @Autowired DecisionService decisions;

    @ParameterizedTest(name = "{0} in \"{7}\", term {2} days -> formal D+{4}, visit D+{5}, agency D+{6}, visited {8}")
    @CsvSource({
        // segment, amount, term, preDue, formal, visit, agency, region, visited
        "DOMESTIC,       12000, 30,  7, 10, 20, 60, CN, true",
        "DOMESTIC,       12000, 60,  7, 20, 30, 60, CN, true",
        // an odd term: T/3 rounds down (floor), so overdue days never exceed a third of the term (31/3 = 10.33)
        "DOMESTIC,       12000, 31,  7, 10, 20, 60, CN, true",
        "DOMESTIC,       12000, 32,  7, 10, 20, 60, CN, true",
        "DOMESTIC,       12000, 33,  7, 11, 21, 60, CN, true",
        "DOMESTIC,       12000, 45,  7, 15, 25, 60, CN, true",
        // T = 14: 14/3 = 4.67 -> D+4 (day 5 would exceed a third); T = 7: 2.33 -> D+2; T = 90: D+30, visit D+40, agency
        // D+60 (max(60, 30 + 24) = 60)
        "DOMESTIC,       12000, 14,  7,  4, 14, 60, CN, true",
        "DOMESTIC,       12000,  7,  7,  2, 12, 60, CN, true",
        "DOMESTIC,       12000, 90,  7, 30, 40, 60, CN, true",
        // due on its issue date (T = 0) or a term under 3 days: a third of the term is 0 days, but the formal demand
        // cannot come before the invoice is overdue: it comes on the first overdue day, D+1 (the same day as the
        // internal reminder would, which the case then skips); the visit stays at D + floor(T/3) + 10
        "DOMESTIC,       12000,  0,  7,  1, 10, 60, CN, true",
        "DOMESTIC,       12000,  2,  7,  1, 10, 60, CN, true",
        "DOMESTIC,       12000,  3,  7,  1, 11, 60, CN, true",
        "FOREIGN,        12000,  0,  7,  1, 10, 60, DE, false",
        "DOMESTIC,       12000,  0,  7,  1, 10, 60, HK, false",
        // agency at D+60 for every segment and term (DOMAIN.md 2), not before the field stage: T = 120 -> D+60 (the
        // visit of D+50 is not cut short: the agency date only ends the contact after the field stage), T = 149 ->
        // D+59 visit, D+60 agency; T = 180 -> visit and agency D+70
        "SMALL_BUSINESS,   500, 120, 7, 40, 50, 60, CN, true",
        "DOMESTIC,       12000, 149, 7, 49, 59, 60, CN, true",
        "DOMESTIC,       12000, 180, 7, 60, 70, 70, CN, true",
        "FOREIGN,        12000, 180, 7, 60, 70, 70, DE, false",
        "KEY_ACCOUNT,  2000000, 45,  7, 15, 25, 60, '', true",
        "DOMESTIC,       12000, 30,  7, 10, 20, 60, HK, false",
        "FOREIGN,        12000, 30,  7, 10, 20, 60, DE, false",
        "FOREIGN,        12000, 120, 7, 40, 50, 60, CN, false"
    })
    void collectionPolicy(String segment, double amount, int term, int preDue, int formal, int visit, int agency,
                          String region, boolean visited) {
        DmnDecisionRuleResult r = decisions.evaluateDecisionTableByKey("Decision_CollectionPolicy",
            Map.of("segment", segment, "invoiceAmount", amount, "creditTermDays", term, "customerRegion", region))
            .getSingleResult();
        assertThat(r.entrySet()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("preDueReminderDays",
            "formalDemandDays", "fieldVisitDays", "agencyDays", "followUpCallWorkingDays", "writtenReminderDays",
            "fieldVisit", "visitSlaWorkingDays", "agencyMandateDuration");
        assertThat(r.<Object>getEntry("preDueReminderDays")).isEqualTo(preDue);
        assertThat(r.<Object>getEntry("formalDemandDays")).isEqualTo(formal);
        assertThat(r.<Object>getEntry("fieldVisitDays")).isEqualTo(visit);
        assertThat(r.<Object>getEntry("agencyDays")).isEqualTo(agency);
        // after the letter: a call every 3 working days, a written reminder every 10 days (issue 16)
        assertThat(r.<Object>getEntry("followUpCallWorkingDays")).isEqualTo(3);
        assertThat(r.<Object>getEntry("writtenReminderDays")).isEqualTo(10);
        // visits only for regular customers at home; the others get more calls
        assertThat(r.<Object>getEntry("fieldVisit")).isEqualTo(visited);
        assertThat(r.<Object>getEntry("visitSlaWorkingDays")).isEqualTo(10);
        assertThat(r.<Object>getEntry("agencyMandateDuration")).isEqualTo("P90D");
    }

    @ParameterizedTest(name = "{0} dispute -> {1}")
    @CsvSource({"QUALITY, supervisors", "QUANTITY, supervisors", "PRICE, finance", "DELIVERY, supervisors",
        "DOCUMENTS, finance", "OTHER, supervisors"})
    void disputeRouting(String category, String group) {
        Object routed = decisions.evaluateDecisionTableByKey("Decision_DisputeRouting",
            Map.of("disputeCategory", category)).getSingleEntry();
        assertThat(routed).isEqualTo(group);
    }

    @ParameterizedTest(name = "{0} with {1} {2} outstanding -> {3}")
    @CsvSource({
        "NOT_FOUND,        CNY, 4999.99, WRITE_OFF",
        "NOT_FOUND,        CNY, 5000,    AGENCY",
        "CANNOT_PAY,       CNY, 999.99,  WRITE_OFF",
        "CANNOT_PAY,       CNY, 1000,    AGENCY",
        "DENIES_DEBT,      CNY, 100000,  LITIGATION",
        "DENIES_DEBT,      CNY, 99999.99, AGENCY",
        "PROMISED_PAYMENT, CNY, 1000000, AGENCY",
        "PROMISED_PAYMENT, CNY, 10,      AGENCY",
        // the thresholds are per currency: 4,000 is little in CNY but not in EUR; no figure is converted
        "NOT_FOUND,        EUR, 699.99,  WRITE_OFF",
        "NOT_FOUND,        EUR, 4000,    AGENCY",
        "CANNOT_PAY,       USD, 149.99,  WRITE_OFF",
        "DENIES_DEBT,      EUR, 15000,   LITIGATION",
        "DENIES_DEBT,      EUR, 14999.99, AGENCY",
        "NOT_FOUND,        JPY, 99999,   WRITE_OFF",
        "CANNOT_PAY,       JPY, 19999,   WRITE_OFF",
        "DENIES_DEBT,      JPY, 1999999, AGENCY",
        "DENIES_DEBT,      JPY, 2000000, LITIGATION",
        // a currency without rules never gets a write-off or a suit by amount alone: the supervisor decides
        "NOT_FOUND,        KWD, 1,       AGENCY",
        "DENIES_DEBT,      KWD, 9999999, AGENCY"
    })
    void nextStep(String visitOutcome, String currency, double outstanding, String expected) {
        Object step = decisions.evaluateDecisionTableByKey("Decision_NextStep",
            Map.of("visitOutcome", visitOutcome, "currency", currency, "outstandingAmount", outstanding))
            .getSingleEntry();
        assertThat(step).isEqualTo(expected);
    }

    /** The playbook as DOMAIN.md section 4 means it (corrected in issue 16), each counter framed by 理 情 利 法. */
    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "HIDES      | 躲 | Persist (缠)                   | decision maker                     | 情",
        "DRAGS      | 拉 | Stick to it (粘)               | pin a commitment with amount and date | 情",
        "DENIES     | 赖 | Evidence                       | No discount without a supervisor   | 理",
        "DELAYS     | 拖 | Follow up often (勤)           | promised date + 1                  | 利",
        "PASSES_ON  | 推 | Send the statement of account  | the debt stays with the company    | 理",
        "WEARS_DOWN | 磨 | Persist and press (缠 and 逼)  | escalate quickly                   | 法"
    })
    void objectionPlaybook(String tactic, String sign, String counterStartsWith, String counterSays,
                           String principle) {
        DmnDecisionRuleResult r = decisions.evaluateDecisionTableByKey("Decision_ObjectionPlaybook",
            Map.of("debtorTactic", tactic)).getSingleResult();
        assertThat((String) r.getEntry("tactic")).contains(sign);
        assertThat((String) r.getEntry("counter")).startsWith(counterStartsWith).contains(counterSays);
        assertThat((String) r.getEntry("principles")).contains(principle);
        // the Chinese columns of the same rule (the Chinese call form shows them): same sign, Chinese words only
        assertThat((String) r.getEntry("tacticZh")).startsWith(sign + "：").containsPattern("\\p{IsHan}{4}");
        for (String zh : List.of("tacticZh", "counterZh", "principlesZh")) {
            assertThat((String) r.getEntry(zh)).as(tactic + " " + zh).containsPattern("\\p{IsHan}")
                .doesNotContainPattern("[A-Za-z]");
        }
        assertThat((String) r.getEntry("principlesZh")).contains(principle);
    }

    @Test
    void thePlaybookMeansWhatTheGuidesMean() {
        // 拉 is the old friend asking for trust (not small talk); 推 is "no statement received" (not passing you on)
        assertThat((String) decisions.evaluateDecisionTableByKey("Decision_ObjectionPlaybook",
            Map.of("debtorTactic", "DRAGS")).getSingleResult().getEntry("tactic")).contains("old friend");
        assertThat((String) decisions.evaluateDecisionTableByKey("Decision_ObjectionPlaybook",
            Map.of("debtorTactic", "PASSES_ON")).getSingleResult().getEntry("tactic")).contains("no statement received");
        assertThat((String) decisions.evaluateDecisionTableByKey("Decision_ObjectionPlaybook",
            Map.of("debtorTactic", "DENIES")).getSingleResult().getEntry("tactic")).contains("discount");
        assertThat(decisions.evaluateDecisionTableByKey("Decision_ObjectionPlaybook", Map.of("debtorTactic", "OTHER"))
            .getResultList()).as("no rule for an unknown tactic").isEmpty();
    }
}

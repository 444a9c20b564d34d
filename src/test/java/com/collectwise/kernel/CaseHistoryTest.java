package com.collectwise.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.collectwise.kernel.CaseHistory.Change;
import com.collectwise.kernel.CaseHistory.StageAndStatus;

/** The stage and status of a case at an instant, from its changes in order (no database). */
class CaseHistoryTest {

    static final StageAndStatus PRE_DUE = new StageAndStatus(Stage.PRE_DUE, CaseStatus.OPEN);
    static final StageAndStatus REMINDER = new StageAndStatus(Stage.INTERNAL_REMINDER, CaseStatus.OPEN);
    static final StageAndStatus SETTLED = new StageAndStatus(Stage.CLOSED, CaseStatus.SETTLED);

    static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void noChangesNoAnswer_theCurrentStageHolds() {
        assertThat(CaseHistory.at(List.of(), at("2026-03-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void theLastChangeBeforeTheInstant_theFirstPriorBeforeAll_aChangeAtTheInstantNotYet() {
        List<Change> changes = List.of(
            new Change(at("2026-03-11T02:00:00Z"), REMINDER, PRE_DUE),
            new Change(at("2026-03-20T02:00:00Z"), SETTLED, REMINDER),
            // reopened by a reversal: its new case plans the stage again, in the same transaction
            new Change(at("2026-03-25T02:00:00Z"), PRE_DUE, SETTLED),
            new Change(at("2026-03-25T02:00:00Z"), REMINDER, PRE_DUE));
        assertThat(CaseHistory.at(changes, at("2026-03-01T00:00:00Z"))).contains(PRE_DUE);
        assertThat(CaseHistory.at(changes, at("2026-03-11T02:00:00Z"))).as("changed at the instant: after it")
            .contains(PRE_DUE);
        assertThat(CaseHistory.at(changes, at("2026-03-11T02:00:01Z"))).contains(REMINDER);
        assertThat(CaseHistory.at(changes, at("2026-03-22T00:00:00Z"))).contains(SETTLED);
        assertThat(CaseHistory.at(changes, at("2026-03-26T00:00:00Z"))).as("the last of one instant")
            .contains(REMINDER);
    }

    @Test
    void theStageACaseWasWorkedIn_aClosedCaseTheStageItWasOpenInUntilItsClosing() {
        StageAndStatus demand = new StageAndStatus(Stage.FORMAL_DEMAND, CaseStatus.OPEN);
        List<Change> changes = List.of(
            new Change(at("2026-03-11T02:00:00Z"), REMINDER, PRE_DUE),
            new Change(at("2026-03-20T02:00:00Z"), demand, REMINDER),
            new Change(at("2026-03-24T02:00:00Z"), SETTLED, demand));
        assertThat(CaseHistory.lastOpenStageAt(changes, at("2026-03-05T00:00:00Z"))).isEqualTo(Stage.PRE_DUE);
        assertThat(CaseHistory.lastOpenStageAt(changes, at("2026-03-15T00:00:00Z"))).isEqualTo(Stage.INTERNAL_REMINDER);
        assertThat(CaseHistory.lastOpenStageAt(changes, at("2026-03-24T16:00:00Z")))
            .as("settled that day: the stage the money came in").isEqualTo(Stage.FORMAL_DEMAND);
        assertThat(CaseHistory.lastOpenStageAt(List.of(new Change(at("2026-03-24T02:00:00Z"), SETTLED, SETTLED)),
            at("2026-03-25T00:00:00Z"))).as("never seen open").isEqualTo(Stage.CLOSED);
    }
}

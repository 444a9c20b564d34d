package com.collectwise.cases;

import com.collectwise.kernel.Stage;
import java.util.EnumSet;
import java.util.Set;

/** Which stages a supervisor may move a case to (not back before the due date, not to CLOSED). */
public final class StageChange {

    public static final Set<Stage> TARGETS = EnumSet.of(Stage.INTERNAL_REMINDER, Stage.FORMAL_DEMAND,
        Stage.FIELD_VISIT, Stage.AGENCY, Stage.LITIGATION, Stage.WRITE_OFF);

    private StageChange() {
    }

    public static Stage target(Object requested) {
        if (requested != null) {
            for (Stage s : TARGETS) {
                if (s.name().equals(requested.toString())) {
                    return s;
                }
            }
        }
        throw new StageChangeRefusedException("Target stage '" + requested + "' is not one of " + TARGETS + ".");
    }
}

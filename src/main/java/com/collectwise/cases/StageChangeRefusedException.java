package com.collectwise.cases;

import org.camunda.bpm.engine.ProcessEngineException;

/** A supervisor asked to move a case that cannot move (unknown, closed, or an unknown stage). */
public class StageChangeRefusedException extends ProcessEngineException {

    public StageChangeRefusedException(String message) {
        super(message);
    }
}

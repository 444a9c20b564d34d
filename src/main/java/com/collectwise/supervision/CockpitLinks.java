package com.collectwise.supervision;

/** Where Cockpit shows a process instance (the webapps live under /camunda, engine "default"). */
public final class CockpitLinks {

    private CockpitLinks() {
    }

    public static String processInstance(String processInstanceId) {
        return "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId;
    }
}

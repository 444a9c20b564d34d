package com.collectwise.identity;

import org.camunda.bpm.engine.authorization.Groups;

/** The groups of the collection department (ids are a contract: models and the API use them). */
public enum CollectwiseGroup {
    COLLECTORS("collectors", "Collectors", Groups.GROUP_TYPE_WORKFLOW),
    FIELD_COLLECTORS("fieldcollectors", "Field collectors", Groups.GROUP_TYPE_WORKFLOW),
    SUPERVISORS("supervisors", "Collection supervisors", Groups.GROUP_TYPE_WORKFLOW),
    FINANCE("finance", "Finance", Groups.GROUP_TYPE_WORKFLOW),
    LEGAL("legal", "Legal", Groups.GROUP_TYPE_WORKFLOW),
    /** Machine clients (ERP feed, agency webhook): they use /api only, never the Camunda apps. */
    INTEGRATION("integration", "Integration clients", Groups.GROUP_TYPE_SYSTEM),
    ADMINS(Groups.CAMUNDA_ADMIN, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM);

    private final String id;
    private final String displayName;
    private final String type;

    CollectwiseGroup(String id, String displayName, String type) {
        this.id = id;
        this.displayName = displayName;
        this.type = type;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public String type() {
        return type;
    }
}

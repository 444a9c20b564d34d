package com.collectwise.identity;

import static com.collectwise.identity.CollectwiseGroup.*;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;

/**
 * What each group may do in Camunda (authorization checks are on). Task permissions are not listed:
 * Camunda grants them itself to a task's assignee and candidate groups. Applying the rules only adds
 * what is missing, so an administrator's extra grants survive a restart.
 */
final class AccessRules {

    /** One row of the rules: the group gets these permissions on the resource (id or {@code *}). */
    record Grant(CollectwiseGroup group, Resource resource, String resourceId, List<Permission> permissions) {

        Grant(CollectwiseGroup group, Resource resource, String resourceId, Permission... permissions) {
            this(group, resource, resourceId, List.of(permissions));
        }
    }

    static final String TASKLIST = "tasklist";
    static final String COCKPIT = "cockpit";
    static final String REQUEST_WAIVER = com.collectwise.kernel.CaseVariables.PROCESS_REQUEST_WAIVER;

    private static final List<CollectwiseGroup> TASKLIST_USERS =
        List.of(COLLECTORS, FIELD_COLLECTORS, SUPERVISORS, FINANCE, LEGAL);

    private AccessRules() {
    }

    static List<Grant> grants() {
        List<Grant> grants = new ArrayList<>();
        for (Resources resource : Resources.values()) {
            // includes the Admin application, which no other group gets
            grants.add(new Grant(ADMINS, resource, ANY, Permissions.ALL));
        }

        for (CollectwiseGroup group : TASKLIST_USERS) {
            grants.add(new Grant(group, Resources.APPLICATION, TASKLIST, Permissions.ACCESS));
            // the diagram tab and the Camunda Forms, which Tasklist loads from the deployment
            grants.add(new Grant(group, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ));
            grants.add(new Grant(group, Resources.DEPLOYMENT, ANY, Permissions.READ));
            // names of assignees and candidate groups instead of bare ids
            grants.add(new Grant(group, Resources.USER, ANY, Permissions.READ));
            grants.add(new Grant(group, Resources.GROUP, ANY, Permissions.READ));
        }

        for (CollectwiseGroup group : List.of(SUPERVISORS, FINANCE)) {
            grants.add(new Grant(group, Resources.APPLICATION, COCKPIT, Permissions.ACCESS));
        }

        // Collectors request waivers and discounts from Tasklist (Process_RequestWaiver): starting needs both
        // grants; CREATE on instances alone starts nothing without CREATE_INSTANCE on a definition.
        grants.add(new Grant(COLLECTORS, Resources.PROCESS_DEFINITION, REQUEST_WAIVER,
            ProcessDefinitionPermissions.CREATE_INSTANCE));
        grants.add(new Grant(COLLECTORS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE));

        // Supervisors own the models: they deploy from Modeler, migrate and repair instances, reassign
        // tasks and start Process_MoveCaseToStage and Process_RequestWaiver (CREATE_INSTANCE is part of ALL).
        for (Resources resource : List.of(Resources.PROCESS_DEFINITION, Resources.PROCESS_INSTANCE,
            Resources.DEPLOYMENT, Resources.DECISION_DEFINITION, Resources.DECISION_REQUIREMENTS_DEFINITION,
            Resources.BATCH, Resources.TASK)) {
            grants.add(new Grant(SUPERVISORS, resource, ANY, Permissions.ALL));
        }
        grants.add(new Grant(SUPERVISORS, Resources.OPERATION_LOG_CATEGORY, ANY, UserOperationLogCategoryPermissions.READ));

        // Finance watches instances, amounts and history in Cockpit, and changes nothing there.
        grants.add(new Grant(FINANCE, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
            ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
            ProcessDefinitionPermissions.READ_TASK));
        grants.add(new Grant(FINANCE, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ));
        grants.add(new Grant(FINANCE, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY));
        grants.add(new Grant(FINANCE, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ));
        return grants;
    }

    static void apply(AuthorizationService authorizations) {
        for (Grant grant : grants()) {
            ensure(authorizations, grant.group().id(), grant.resource(), grant.resourceId(), grant.permissions());
        }
    }

    /** Adds the permissions to the group's grant on the resource, creating the grant when absent. */
    static void ensure(AuthorizationService authorizations, String groupId, Resource resource, String resourceId,
                       List<Permission> permissions) {
        Authorization grant = authorizations.createAuthorizationQuery()
            .authorizationType(AUTH_TYPE_GRANT).groupIdIn(groupId)
            .resourceType(resource).resourceId(resourceId)
            .singleResult();
        if (grant == null) {
            grant = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
            grant.setGroupId(groupId);
            grant.setResource(resource);
            grant.setResourceId(resourceId);
        }
        else if (permissions.stream().allMatch(grant::isPermissionGranted)) {
            return;
        }
        for (Permission permission : permissions) {
            grant.addPermission(permission);
        }
        authorizations.saveAuthorization(grant);
    }

    /** The same for one user (a user's own filter). */
    static void ensureForUser(AuthorizationService authorizations, String userId, Resource resource,
                              String resourceId, Permission permission) {
        Authorization grant = authorizations.createAuthorizationQuery()
            .authorizationType(AUTH_TYPE_GRANT).userIdIn(userId)
            .resourceType(resource).resourceId(resourceId)
            .singleResult();
        if (grant == null) {
            grant = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
            grant.setUserId(userId);
            grant.setResource(resource);
            grant.setResourceId(resourceId);
        }
        else if (grant.isPermissionGranted(permission)) {
            return;
        }
        grant.addPermission(permission);
        authorizations.saveAuthorization(grant);
    }

    static void ensure(AuthorizationService authorizations, String groupId, Resource resource, String resourceId,
                       Permission... permissions) {
        ensure(authorizations, groupId, resource, resourceId, Arrays.asList(permissions));
    }
}

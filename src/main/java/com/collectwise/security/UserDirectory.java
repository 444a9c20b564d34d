package com.collectwise.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * The people and machine clients of the application, read from the Camunda identity store so that
 * Tasklist, the engine REST API and our own API share one set of users, passwords and groups.
 */
@Component
public class UserDirectory {

    private final IdentityService identity;

    public UserDirectory(IdentityService identity) {
        this.identity = identity;
    }

    public boolean exists(String userId) {
        return userId != null && identity.createUserQuery().userId(userId).count() > 0;
    }

    /** Also counts failed attempts and locks the user after too many, as the webapp login does. */
    public boolean checkPassword(String userId, String password) {
        return userId != null && password != null && identity.checkPassword(userId, password);
    }

    public List<String> groupsOf(String userId) {
        return identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    }
}

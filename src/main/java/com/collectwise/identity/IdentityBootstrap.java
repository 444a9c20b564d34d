package com.collectwise.identity;

import java.time.ZoneId;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.CompanySettings;

/**
 * Runs as soon as the engine is built, before the webapps and the API accept anybody: groups,
 * authorizations, the first administrator and the Tasklist filters. Every step only adds what is
 * missing, so it runs at every start (and on every node of a cluster) without changing anything twice.
 */
@Component
@EnableConfigurationProperties(AdminAccount.class)
public class IdentityBootstrap extends AbstractProcessEnginePlugin {

    private final FirstAdministrator firstAdministrator;
    /** The collection department's zone: "today" of the Tasklist filters. */
    private final ZoneId zone;

    @Autowired
    public IdentityBootstrap(AdminAccount account, CompanySettings company) {
        this(account, company.zone());
    }

    IdentityBootstrap(AdminAccount account) {
        this(account, ZoneId.of("UTC"));
    }

    private IdentityBootstrap(AdminAccount account, ZoneId zone) {
        this.firstAdministrator = new FirstAdministrator(account);
        this.zone = zone;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        for (CollectwiseGroup group : CollectwiseGroup.values()) {
            if (identity.createGroupQuery().groupId(group.id()).count() == 0) {
                var created = identity.newGroup(group.id());
                created.setName(group.displayName());
                created.setType(group.type());
                identity.saveGroup(created);
            }
        }
        AccessRules.apply(engine.getAuthorizationService());
        firstAdministrator.ensure(identity);
        TasklistFilters.apply(engine, zone);
    }
}

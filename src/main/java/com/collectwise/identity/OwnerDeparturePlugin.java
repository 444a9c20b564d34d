package com.collectwise.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DeleteGroupCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Tells {@link OwnersWhoLeft} when the identity store loses a user, a membership or a group: whatever removes them
 * (Camunda Admin, the engine REST API, our own code) goes through the engine's identity commands. The follow-up runs
 * after the command, in a command of its own (with its own transaction, unless the caller holds one); should it fail,
 * the change of the identity store stands and the supervisors' report still lists the customers.
 */
@Component
public class OwnerDeparturePlugin extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerDeparturePlugin.class);

    /** The commands after which a customer's owner may no longer work the calls. */
    static final Set<Class<?>> LOSSES = Set.of(DeleteMembershipCmd.class, DeleteUserCmd.class, DeleteGroupCmd.class);

    private final ObjectProvider<OwnersWhoLeft> owners;

    public OwnerDeparturePlugin(ObjectProvider<OwnersWhoLeft> owners) {
        this.owners = owners;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = new ArrayList<>();
        if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
            interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
        }
        interceptors.add(new CommandInterceptor() {
            @Override
            public <T> T execute(Command<T> command) {
                T result = next.execute(command);
                // only after the outermost command: one nested in another has not written its change yet
                if (LOSSES.contains(command.getClass()) && Context.getCommandContext() == null) {
                    try {
                        owners.getObject().release();
                    } catch (RuntimeException e) {
                        LOG.warn("Could not release the tasks of owners who left the call groups after {}; the "
                            + "supervisors' report still lists their customers", command.getClass().getSimpleName(), e);
                    }
                }
                return result;
            }
        });
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }
}

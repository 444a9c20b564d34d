package com.collectwise.api;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Remembers, per thread, that an engine command failed because the database could not be reached. The
 * engine REST API turns that failure into a 500 before any filter sees the exception; the mark lets
 * {@link DatabaseOutageFilter} tell an outage from a bug and answer 503. The interceptor sits outermost in
 * the engine's command stack, so it also sees a connection refused when the transaction begins.
 */
@Component
public class LostDatabaseMarker extends AbstractProcessEnginePlugin {

    private static final ThreadLocal<Boolean> LOST = new ThreadLocal<>();

    static boolean lostOnThisThread() {
        return Boolean.TRUE.equals(LOST.get());
    }

    static void reset() {
        LOST.remove();
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPreCommandInterceptorsTxRequired(
            withMarker(configuration.getCustomPreCommandInterceptorsTxRequired()));
        configuration.setCustomPreCommandInterceptorsTxRequiresNew(
            withMarker(configuration.getCustomPreCommandInterceptorsTxRequiresNew()));
    }

    private static List<CommandInterceptor> withMarker(List<CommandInterceptor> existing) {
        List<CommandInterceptor> interceptors = new ArrayList<>();
        interceptors.add(new Marker());
        if (existing != null) {
            interceptors.addAll(existing);
        }
        return interceptors;
    }

    static final class Marker extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            try {
                return next.execute(command);
            } catch (RuntimeException e) {
                if (ApiExceptionHandler.lostDatabase(e)) {
                    LOST.set(Boolean.TRUE);
                }
                throw e;
            }
        }
    }
}

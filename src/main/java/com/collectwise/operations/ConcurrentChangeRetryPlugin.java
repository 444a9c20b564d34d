package com.collectwise.operations;

import java.time.Duration;
import java.util.Date;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A job that lost a race for its case (optimistic locking: a request changed the same case while the job ran, e.g. a
 * dispute posted in the first seconds of a case whose formal letter job was running) did nothing wrong: it runs again
 * {@link #QUICK_RETRY} later instead of after its model's retry wait (R3/PT5M: five minutes). Everything else about
 * the failure is the engine's: it keeps the exception on the job and does not count a lost race as one of the job's
 * retries (Camunda's JobRetryCmd), so a collision never ends in an incident; it only waited five minutes for nothing.
 * Other failures keep the model's retry cycle.
 */
@Component
public class ConcurrentChangeRetryPlugin extends AbstractProcessEnginePlugin {

    static final Duration QUICK_RETRY = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentChangeRetryPlugin.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setFailedJobCommandFactory(ConcurrentChangeRetryPlugin::retryCommand);
    }

    static Command<Object> retryCommand(String jobId, Throwable exception) {
        DefaultJobRetryCmd standard = new DefaultJobRetryCmd(jobId, exception);
        if (!concurrentChange(exception)) {
            return standard;
        }
        return context -> {
            Object result = standard.execute(context);
            JobEntity job = context.getJobManager().findJobById(jobId);
            if (job != null && job.getRetries() > 0) {
                job.setDuedate(Date.from(ClockUtil.getCurrentTime().toInstant().plus(QUICK_RETRY)));
                LOG.info("Job {} lost a race for its case (optimistic locking): it runs again in {} s", jobId,
                    QUICK_RETRY.toSeconds());
            }
            return result;
        };
    }

    private static boolean concurrentChange(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockingException) {
                return true;
            }
        }
        return false;
    }
}

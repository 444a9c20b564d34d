package com.collectwise.supervision;

import java.util.Map;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The names by which task listeners were bound before they were named after their tasks (issue 19). Deployed model
 * versions are never changed, so a case still running on one of them creates and completes its tasks through
 * {@code ${prepareCallListener}} and the like: each former name stays an alias of the listener of that task.
 * An alias can go once no case runs on a model version that uses it (migrate them in Cockpit or with
 * {@link ProcessVersionService}).
 */
@Configuration(proxyBeanMethods = false)
public class ListenerNamesOfEarlierVersions {

    /** Former bean name to the bean of the task's listener now. */
    public static final Map<String, String> FORMER_NAMES = Map.of(
        "prepareCallListener", "callCustomerListener",
        "validateCallOutcomeListener", "callCustomerListener",
        "prepareLitigationReviewListener", "reviewLitigationListener",
        "prepareAgencyApprovalListener", "approveAgencyHandoffListener",
        "validateClosingDecisionListener", "approveWriteOffListener",
        "validateWaiverDecisionListener", "approveWaiverListener");

    /** Static: registers the aliases before any bean is created, by name only (no dependency on the listeners). */
    @Bean
    static BeanFactoryPostProcessor formerListenerNames() {
        return beans -> FORMER_NAMES.forEach((former, now) -> beans.registerAlias(now, former));
    }
}

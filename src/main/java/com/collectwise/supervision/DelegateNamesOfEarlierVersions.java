package com.collectwise.supervision;

import java.util.Map;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The names by which delegates were bound before tasks that do the same job shared one class, named after the task
 * name (both *Close kept agreement* tasks of Process_InstalmentAgreement run {@code closeKeptAgreementDelegate}).
 * Deployed model versions are never changed, so a plan still running on one of them closes through
 * {@code ${closePaidOffAgreementDelegate}}: each former name stays an alias of the delegate of its task, as
 * {@link ListenerNamesOfEarlierVersions} does for task listeners. An alias can go once no case runs on a model
 * version that uses it (migrate them in Cockpit or with {@link ProcessVersionService}).
 */
@Configuration(proxyBeanMethods = false)
public class DelegateNamesOfEarlierVersions {

    /** Former bean name to the bean of the task's delegate now. */
    public static final Map<String, String> FORMER_NAMES = Map.of(
        "closePaidOffAgreementDelegate", "closeKeptAgreementDelegate");

    /** Static: registers the aliases before any bean is created, by name only (no dependency on the delegates). */
    @Bean
    static BeanFactoryPostProcessor formerDelegateNames() {
        return beans -> FORMER_NAMES.forEach((former, now) -> beans.registerAlias(now, former));
    }
}

package com.collectwise.security;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine REST API (used by Camunda Modeler to deploy, and by scripts) is open to anonymous
 * callers unless this filter is registered: it checks HTTP Basic credentials against the Camunda
 * users and sets the authenticated user for the engine, whose authorizations are enabled.
 */
@Configuration
public class EngineRestAuthentication {

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter(
        @Value("${spring.jersey.application-path:/engine-rest}") String restPath) {
        String prefix = "/" + restPath.replaceAll("^/+|/+$", "");
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
            new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("camunda-engine-rest-authentication");
        registration.addUrlPatterns(prefix + "/*");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
            HttpBasicAuthenticationProvider.class.getName());
        // the filter strips this prefix to find the engine a request addresses
        registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, prefix);
        return registration;
    }
}

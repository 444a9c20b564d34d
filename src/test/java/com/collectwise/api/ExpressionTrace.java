package com.collectwise.api;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A bean that leaves a trace when an expression calls it: {@code ${traceBean.touch()}}. The Camunda Spring
 * Boot starter hands every bean to the engine's expression manager, so an expression that got evaluated
 * would count here (EngineExpressionGuardTest proves both: reachable, and never reached through the APIs).
 */
@TestConfiguration(proxyBeanMethods = false)
public class ExpressionTrace {

    @Bean
    Trace traceBean() {
        return new Trace();
    }

    public static class Trace {

        private final AtomicInteger calls = new AtomicInteger();

        public String touch() {
            calls.incrementAndGet();
            return "traced";
        }

        public int calls() {
            return calls.get();
        }
    }
}

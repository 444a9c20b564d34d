package com.collectwise;

import java.time.ZoneId;
import java.util.TimeZone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ApplicationListener;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Receivables collection: BPMN holds the lifecycle, plain services own money and data. Settings are one
 * {@code @ConfigurationProperties} record per capability (found by the scan), defaults in application.yaml.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CollectwiseApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(CollectwiseApplication.class);
        application.addListeners(new CompanyZone());
        application.run(args);
    }

    /**
     * The engine's own date expressions (Tasklist filters such as "My calls today", timer dates without
     * an offset) use the JVM's default zone: run in the collection department's zone, like BusinessClock.
     * Read from the environment as soon as it is ready, before any bean: {@code collectwise.zone} (application.yaml,
     * {@code COLLECTWISE_ZONE}, a system property or a command-line argument), whose default is written only there.
     * Whoever starts the application with its own {@code SpringApplication} (the benchmark) adds it as well.
     */
    public static final class CompanyZone implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            ZoneId zone = ZoneId.of(event.getEnvironment().getRequiredProperty("collectwise.zone"));
            TimeZone.setDefault(TimeZone.getTimeZone(zone));
        }
    }
}

package com.collectwise;

import java.util.TimeZone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Receivables collection: BPMN holds the lifecycle, plain services own money and data. */
@SpringBootApplication
@EnableScheduling
public class CollectwiseApplication {

    public static void main(String[] args) {
        useCompanyZone();
        SpringApplication.run(CollectwiseApplication.class, args);
    }

    /**
     * The engine's own date expressions (Tasklist filters such as "My calls today", timer dates without
     * an offset) use the JVM's default zone: run in the collection department's zone, like BusinessClock.
     */
    public static void useCompanyZone() {
        String zone = System.getenv().getOrDefault("COLLECTWISE_ZONE",
            System.getProperty("collectwise.zone", "Asia/Shanghai"));
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
    }
}

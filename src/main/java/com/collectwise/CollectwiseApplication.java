package com.collectwise;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Receivables collection: BPMN holds the lifecycle, plain services own money and data. */
@SpringBootApplication
@EnableScheduling
public class CollectwiseApplication {

    public static void main(String[] args) {
        SpringApplication.run(CollectwiseApplication.class, args);
    }
}

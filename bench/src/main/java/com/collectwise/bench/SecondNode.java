package com.collectwise.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.collectwise.CollectwiseApplication;

/**
 * A second application node for the two-node drain (bench.nodes=2): the whole application in a JVM of its own,
 * on the PostgreSQL database of the run, with its own job executor. The benchmark drives it over stdin:
 * {@code offset <ms>} moves its engine clock (a JVM's clock is its own, so both nodes are moved alike),
 * {@code report} writes its metrics (job acquisition, failed locks) to the database now, {@code stop} ends it.
 * It answers each command with a line on stdout: READY after start, OFFSET, REPORTED.
 */
public final class SecondNode {

    private SecondNode() {
    }

    public static void main(String[] args) throws Exception {
        SpringApplication application = new SpringApplication(CollectwiseApplication.class);
        application.addListeners(new CollectwiseApplication.CompanyZone());
        ConfigurableApplicationContext context = application.run(args);
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) context.getBean(ProcessEngine.class)
            .getProcessEngineConfiguration();
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("offset ")) {
                ClockUtil.offset(Long.parseLong(line.substring("offset ".length()).trim()));
                System.out.println("OFFSET");
            } else if (line.equals("report")) {
                config.getDbMetricsReporter().reportNow();
                System.out.println("REPORTED");
            } else if (line.equals("stop")) {
                break;
            }
            System.out.flush();
        }
        context.close();
        System.exit(0);
    }
}

package com.collectwise.bench;

import static com.collectwise.bench.Results.f;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.collectwise.CollectwiseApplication;
import com.collectwise.bench.Footprint.Group;
import com.collectwise.bench.Footprint.Sizes;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.cases.InvoiceImportService;
import com.collectwise.cases.InvoiceService;
import com.collectwise.communication.Outbox;
import com.collectwise.customers.CustomerService;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Stage;
import com.collectwise.payments.IncomingPayment;
import com.collectwise.payments.PaymentMethod;
import com.collectwise.payments.PaymentService;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * One benchmark run on one database: the whole application (Spring context, engine, job executor, SMTP to a
 * local GreenMail) with a bare Camunda process deployed beside ours, every scenario measured against it.
 */
final class BenchRun {

    static final String ADMIN_PASSWORD = "Bench-Only-Passw0rd!";
    static final String SECOND_NODE = "bench-node-2";
    private static final String TIMER_PRE_DUE = "Timer_PreDueReminder";
    private static final String TASK_PRE_DUE = "Task_SendPreDueReminder";
    private static final int IMPORT_FILE_SIZE = 10_000;
    /** Case starts per side before the timed rounds (bench.warm-up, default 200; TUNING.md row 47). */
    private static final int WARM_UP = Integer.getInteger("bench.warm-up", 200);

    private final Settings settings;
    private final String database;
    private final Results results;
    private final StatementCounter counter = new StatementCounter();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    private ConfigurableApplicationContext context;
    private JdbcTemplate jdbc;
    private ProcessEngine engine;
    private BusinessClock clock;
    private GreenMail mail;
    private io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
    private LocalDate today;
    private int customers;
    private double bareRuntimePerInstance = Double.NaN;
    private List<String> applicationArguments = List.of();
    /** The one-node drain of our reminders, first to last job (s), for the two-node comparison. */
    private double oneNodeDrainSeconds = Double.NaN;
    private double oneNodeCpuLoad = Double.NaN;

    BenchRun(Settings settings, String database) {
        this.settings = settings;
        this.database = database;
        this.results = new Results(database);
    }

    Results run() throws Exception {
        try {
            start();
            createCustomers();
            caseStart();
            Sizes empty = footprint(false);
            importLedger();
            Sizes open = footprint(false);
            openFootprint(empty, open);
            Instant reminderAt = reminderDueAt();
            startBareInstances(reminderAt.minus(Duration.ofHours(1)));
            Sizes withBare = footprint(false);
            bareFootprint(open, withBare);
            drain(reminderAt.minus(Duration.ofHours(1)), reminderAt);
            if (settings.nodes() > 1) {
                twoNodeDrain(reminderAt);
            }
            correlation();
            busyInvoiceCorrelation();
            closedFootprint();
        } catch (Exception | Error e) {
            results.note("the run stopped early: " + e);
            e.printStackTrace();
        } finally {
            stop();
        }
        return results;
    }

    // ---------------------------------------------------------------- setup

    private void start() throws Exception {
        boolean pg = isPostgres();
        Path dir = Path.of("target", "bench", database);
        deleteRecursively(dir);
        Files.createDirectories(dir);
        int smtpPort = freePort();
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        List<String> args = new ArrayList<>(List.of(
            "--server.port=0",
            "--spring.main.banner-mode=off",
            "--logging.level.root=WARN",
            "--collectwise.admin.password=" + ADMIN_PASSWORD,
            "--collectwise.admin.password-file=" + dir.resolve("admin-password.txt"),
            "--collectwise.watch.initial-delay=P3650D",
            "--spring.mail.host=127.0.0.1",
            "--spring.mail.port=" + smtpPort,
            "--collectwise.mail.dispatch-interval=PT1S",
            "--camunda.bpm.job-execution.enabled=true"));
        if (pg) {
            postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("pgdata")).setCleanDataDirectory(true).start();
            args.add("--spring.profiles.active=postgres");
            args.add("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"));
            args.add("--spring.datasource.username=postgres");
            args.add("--spring.datasource.password=postgres");
            args.add("--camunda.bpm.database.schema-update=true");
        } else {
            args.add("--spring.datasource.url=jdbc:h2:file:" + dir.toAbsolutePath().resolve("collectwise")
                + ";DB_CLOSE_ON_EXIT=FALSE");
        }
        args.addAll(settings.tuning());
        applicationArguments = List.copyOf(args);
        results.raw("application arguments", String.join(" ", args.stream()
            .filter(a -> !a.contains("password")).toList()));
        SpringApplication app = new SpringApplication(CollectwiseApplication.class);
        app.addListeners(new CollectwiseApplication.CompanyZone());
        app.addInitializers(c -> c.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource ds && "dataSource".equals(name) ? counter.wrap(ds) : bean;
            }
        }));
        long t0 = System.nanoTime();
        context = app.run(args.toArray(String[]::new));
        results.raw("application start (s)", f(seconds(t0), 1));
        jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        engine = context.getBean(ProcessEngine.class);
        clock = context.getBean(BusinessClock.class);
        today = clock.today();
        engine.getRepositoryService().createDeployment().name("benchmark baseline")
            .addModelInstance(BareProcess.KEY + ".bpmn", BareProcess.model()).deploy();
        JobExecutor jobs = jobExecutor();
        results.raw("database", jdbc.queryForObject(pg ? "SELECT version()" : "SELECT H2VERSION()", String.class));
        results.raw("job executor", "active=" + jobs.isActive() + ", maxJobsPerAcquisition="
            + jobs.getMaxJobsPerAcquisition() + ", waitTimeInMillis=" + jobs.getWaitTimeInMillis() + ", maxWait="
            + jobs.getMaxWait() + ", lockTimeInMillis=" + jobs.getLockTimeInMillis() + ", class="
            + jobs.getClass().getSimpleName());
        results.raw("history level", config().getHistory());
        results.raw("jdbc batch processing", config().isJdbcBatchProcessing());
    }

    private void stop() {
        ClockUtil.reset();
        if (context != null) {
            context.close();
        }
        if (mail != null) {
            mail.stop();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                results.note("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }

    private void createCustomers() {
        customers = Math.max(1, settings.cases() / 20);
        CustomerService service = context.getBean(CustomerService.class);
        long t0 = System.nanoTime();
        parallel(customers, i -> service.register(new Customer(customerId(i), "Benchmark Customer " + i,
            Segment.DOMESTIC, null, "ap" + i + "@customer.example", null, "admin", null, null)));
        results.raw("customers registered", customers + " in " + f(seconds(t0), 1) + " s");
    }

    // ---------------------------------------------------------------- scenario: case start

    private void caseStart() {
        InvoiceService invoices = context.getBean(InvoiceService.class);
        var runtime = engine.getRuntimeService();
        Date farAway = Date.from(Instant.now().plus(Duration.ofDays(800)));
        AtomicLong serial = new AtomicLong();
        IntConsumer ours = i -> invoices.register(invoice(
            "BS-" + serial.incrementAndGet(), customerId(i % customers), today.plusDays(400 + i % 30)));
        IntConsumer bare = i -> runtime.startProcessInstanceByKey(BareProcess.KEY, "BB-" + serial.incrementAndGet(),
            Variables.createVariables().putValue(BareProcess.DUE_AT, farAway));
        parallel(WARM_UP, ours);
        parallel(WARM_UP, bare);
        int n = settings.samples();
        double oursSeconds = 0;
        double bareSeconds = 0;
        // two rounds, alternating, so that drift on a noisy machine hits both sides alike; no statement counting
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            parallel(n / 2, ours);
            oursSeconds += seconds(t0);
            t0 = System.nanoTime();
            parallel(n / 2, bare);
            bareSeconds += seconds(t0);
        }
        // statements: a counted pass of its own
        int counted = Math.min(200, n);
        counter.counting(true);
        var before = counter.snapshot();
        parallel(counted, ours);
        var middle = counter.snapshot();
        parallel(counted, bare);
        var after = counter.snapshot();
        counter.counting(false);
        StatementCounter.Snapshot oursStatements = middle.minus(before);
        StatementCounter.Snapshot bareStatements = after.minus(middle);
        int measured = 2 * (n / 2);
        double oursRate = measured / oursSeconds;
        double bareRate = measured / bareSeconds;
        double oursInserts = (double) oursStatements.count("INSERT") / counted;
        double bareInserts = (double) bareStatements.count("INSERT") / counted;
        results.row("case start", "cases per second (" + settings.threads() + " threads)", f(oursRate, 1),
            f(bareRate, 1), f(bareRate / oursRate, 2) + "x time", "<= 2.0x time", bareRate / oursRate <= 2.0);
        results.row("case start", "INSERT statements per case", f(oursInserts, 1), f(bareInserts, 1),
            f(oursInserts / bareInserts, 2) + "x", "<= 40", oursInserts <= 40);
        results.row("case start", "all statements per case", f(total(oursStatements) / (double) counted, 1),
            f(total(bareStatements) / (double) counted, 1), "", "", null);
        results.raw("case start: warm-up starts per side", WARM_UP);
        results.raw("case start: cases timed per side", measured);
        results.raw("case start: statements per case by kind (ours)", perCase(oursStatements.byKind(), counted));
        results.raw("case start: INSERTs per case by table (ours)", perCase(oursStatements.insertsByTable(), counted));
        results.raw("case start: INSERTs per case by table (bare)", perCase(bareStatements.insertsByTable(), counted));
        results.raw("case start: SELECTs per case by first table (ours)", perCase(oursStatements.selectsByTable(), counted));
        results.raw("case start: SELECTs per case by first table (bare)", perCase(bareStatements.selectsByTable(), counted));
        results.raw("case start: UPDATEs per case by table (ours)", perCase(oursStatements.updatesByTable(), counted));
    }

    // ---------------------------------------------------------------- scenario: go-live import

    private void importLedger() throws InterruptedException {
        InvoiceImportService importer = context.getBean(InvoiceImportService.class);
        com.collectwise.cases.ImportCaseStarter starter = context.getBean(com.collectwise.cases.ImportCaseStarter.class);
        int files = (settings.cases() + IMPORT_FILE_SIZE - 1) / IMPORT_FILE_SIZE;
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        sampler.start();
        List<String> afterGc = new ArrayList<>();
        List<String> fileSeconds = new ArrayList<>();
        double total = 0;
        int done = 0;
        for (int file = 0; file < files; file++) {
            int from = file * IMPORT_FILE_SIZE;
            int to = Math.min(settings.cases(), from + IMPORT_FILE_SIZE);
            String csv = ledgerCsv(from, to);
            long t0 = System.nanoTime();
            // a file is stored at once; its cases are started in batches (here in this thread, so the time is the
            // whole import: what finance waits for until every case runs)
            done += importer.importCsv(csv, "bench").imported();
            starter.startPending();
            double s = seconds(t0);
            total += s;
            fileSeconds.add(f(s, 1));
            System.gc();
            afterGc.add(String.valueOf(memory.getHeapMemoryUsage().getUsed() / (1024 * 1024)));
            System.out.printf("[bench %s] import file %d/%d: %d invoices in %.1f s%n", database, file + 1, files,
                to - from, s);
        }
        sampler.interrupt();
        sampler.join();
        double minutes = total / 60;
        // flat: the heap left after the last file is within 64 MB of the heap left after the first one
        long first = Long.parseLong(afterGc.get(0));
        long last = Long.parseLong(afterGc.get(afterGc.size() - 1));
        boolean flat = last - first <= 64;
        results.row("go-live import", done + " invoices, " + files + " CSV files", f(minutes, 1) + " min",
            "", "", "<= 10 min", minutes <= 10);
        results.row("go-live import", "invoices per second", f(done / total, 1), "", "", "", null);
        results.row("go-live import", "heap after GC, first -> last file", first + " -> " + last + " MB", "", "",
            "flat", flat);
        results.raw("import: seconds per file of " + IMPORT_FILE_SIZE, String.join(", ", fileSeconds));
        results.raw("import: heap after GC per file (MB)", String.join(", ", afterGc));
        results.raw("import: heap before / peak during (MB)", heapBefore / (1024 * 1024) + " / "
            + peak.get() / (1024 * 1024));
    }

    // ---------------------------------------------------------------- scenario: reminders due at once

    /** When the pre-due reminders of the first {@code reminders} invoices fall due (all at the same minute). */
    private Instant reminderDueAt() {
        return reminderDueAt(0);
    }

    private Instant reminderDueAt(int invoice) {
        String pi = jdbc.queryForObject("SELECT process_instance_id FROM invoices WHERE invoice_number = ?",
            String.class, invoiceNumber(invoice));
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(pi).timers().singleResult();
        return timer.getDuedate().toInstant();
    }

    private void startBareInstances(Instant dueAt) {
        var runtime = engine.getRuntimeService();
        Date due = Date.from(dueAt);
        long t0 = System.nanoTime();
        parallel(settings.reminders(), i -> runtime.startProcessInstanceByKey(BareProcess.KEY, bareKey(i),
            Variables.createVariables().putValue(BareProcess.DUE_AT, due)));
        results.raw("bare instances started for the drain", settings.reminders() + " in " + f(seconds(t0), 1) + " s");
    }

    private void drain(Instant bareDueAt, Instant oursDueAt) {
        int n = settings.reminders();
        int received = mail.getReceivedMessages().length;
        // bare: the engine clock jumps to the due date of n timers, the job executor finds them by itself
        long firedBefore = BareProcess.TimerPassed.FIRED.get();
        moveClockTo(bareDueAt);
        long t0 = System.nanoTime();
        boolean bareDone = waitUntil(() -> BareProcess.TimerPassed.FIRED.get() - firedBefore >= n,
            settings.drainTimeout());
        double bareWall = seconds(t0);
        // the listener counts before its transaction commits: let the last ones reach the job log
        waitUntil(() -> jobLog(BareProcess.TIMER, bareDueAt).size() >= n, Duration.ofSeconds(30));
        List<long[]> bare = jobLog(BareProcess.TIMER, bareDueAt);
        // ours: n pre-due reminders fall due; each timer job also queues its e-mail
        CpuSampler cpu = new CpuSampler();
        // bench.count-drain=true (a probe, not a measurement: counting slows the drain): statements per reminder
        boolean countDrain = Boolean.getBoolean("bench.count-drain");
        counter.counting(countDrain);
        var countedFrom = counter.snapshot();
        moveClockTo(oursDueAt);
        t0 = System.nanoTime();
        boolean queued = waitUntil(() -> countSql("SELECT COUNT(*) FROM outbox WHERE kind = ?",
            Outbox.PRE_DUE_REMINDER) >= n, settings.drainTimeout());
        if (countDrain) {
            StatementCounter.Snapshot drained = counter.snapshot().minus(countedFrom);
            counter.counting(false);
            results.note("bench.count-drain: statements were counted during our drain, so its timings are not "
                + "comparable");
            results.raw("drain (counted): statements per reminder by kind (ours, with the executor's polling)",
                perCase(drained.byKind(), n));
            results.raw("drain (counted): INSERTs per reminder by table", perCase(drained.insertsByTable(), n));
            results.raw("drain (counted): SELECTs per reminder by first table", perCase(drained.selectsByTable(), n));
            results.raw("drain (counted): UPDATEs per reminder by table", perCase(drained.updatesByTable(), n));
        }
        oneNodeCpuLoad = cpu.average();
        cpu.close();
        double oursQueuedWall = seconds(t0);
        boolean sent = waitUntil(() -> mail.getReceivedMessages().length - received >= n, settings.drainTimeout());
        double oursSentWall = seconds(t0);
        waitUntil(() -> jobLog(TIMER_PRE_DUE, oursDueAt).size() >= n, Duration.ofSeconds(30));
        List<long[]> timers = jobLog(TIMER_PRE_DUE, oursDueAt);
        // the reminder is queued in the timer's job (processes/receivable-collection.bpmn); a model that gives the
        // sending step a job of its own (asyncBefore) shows it here
        List<long[]> sends = jobLog(TASK_PRE_DUE, oursDueAt);
        if (sends.isEmpty()) {
            sends = timers;
        }
        if (!bareDone || !queued || !sent) {
            results.note("drain did not finish within " + settings.drainTimeout() + ": bare done " + bareDone
                + ", reminders queued " + queued + ", e-mails sent " + sent);
        }
        double bareSeconds = spanMillis(bare, bare) / 1000.0;
        double oursSeconds = spanMillis(timers, sends) / 1000.0;
        oneNodeDrainSeconds = oursSeconds;
        double throughputRatio = bareSeconds / oursSeconds;
        results.row("reminder drain", n + " due at once, " + settings.cases() + " open (first to last job)",
            f(oursSeconds, 1) + " s", f(bareSeconds, 1) + " s", f(throughputRatio, 2) + "x speed",
            ">= 0.7x speed", throughputRatio >= 0.7);
        results.row("reminder drain", "until the last e-mail was accepted by SMTP", f(oursSentWall, 1) + " s", "", "",
            "", null);
        long[] timerLate = lateness(timers);
        long[] bareLate = lateness(bare);
        long[] queuedLate = lateness(sends);
        double p95 = Stats.percentile(timerLate, 95) / 1000;
        results.row("reminder drain", "timer lateness p50 (s)", f(Stats.percentile(timerLate, 50) / 1000, 1),
            f(Stats.percentile(bareLate, 50) / 1000, 1), "", "", null);
        results.row("reminder drain", "timer lateness p95 (s)", f(p95, 1),
            f(Stats.percentile(bareLate, 95) / 1000, 1), "", "<= 60 s", p95 <= 60);
        results.row("reminder drain", "reminder queued, lateness p95 (s)",
            f(Stats.percentile(queuedLate, 95) / 1000, 1), "", "", "", null);
        results.raw("drain: jobs in the log (bare timers / our timers / our sends)", bare.size() + " / "
            + timers.size() + " / " + sends.size());
        results.raw("drain: wall seconds (bare / ours queued / ours sent)", f(bareWall, 1) + " / "
            + f(oursQueuedWall, 1) + " / " + f(oursSentWall, 1));
        results.raw("drain: lateness max (bare / our timers / our sends, s)", f(Stats.max(bareLate) / 1000, 1) + " / "
            + f(Stats.max(timerLate) / 1000, 1) + " / " + f(Stats.max(queuedLate) / 1000, 1));
        results.raw("drain: machine CPU load while our reminders drained (all cores)", f(100 * oneNodeCpuLoad, 0) + " %");
    }

    // ---------------------------------------------------------------- scenario: the same drain on two nodes

    /**
     * A second group of as many reminders falls due at {@code dueAt}; this time a second application node (a JVM
     * of its own, {@link SecondNode}) works beside this one on the same database. Compared with the one-node drain
     * of the first group: the drain span, the share of jobs each node ran, the job acquisitions that lost the lock
     * to the other node (Camunda's metrics job-acquired-success/-failure), and e-mails sent twice.
     */
    private void twoNodeDrain(Instant firstDueAt) throws Exception {
        if (!isPostgres()) {
            results.note("two-node drain: PostgreSQL only (two JVMs cannot share the H2 file database)");
            return;
        }
        int n = settings.reminders();
        if (settings.cases() < 2 * n) {
            results.note("two-node drain: needs bench.cases >= 2 x bench.reminders");
            return;
        }
        Instant dueAt = reminderDueAt(n);
        if (!dueAt.isAfter(firstDueAt)) {
            results.note("two-node drain: the second group fell due with the first (" + dueAt + ")");
            return;
        }
        long outboxBefore = countSql("SELECT COUNT(*) FROM outbox WHERE kind = ?", Outbox.PRE_DUE_REMINDER);
        int received = mail.getReceivedMessages().length;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-Xmx1g", "-cp", System.getProperty("java.class.path"), SecondNode.class.getName()));
        command.addAll(applicationArguments);
        command.add("--camunda.bpm.generic-properties.properties.hostname=" + SECOND_NODE);
        Process node = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        var toNode = new java.io.PrintWriter(new java.io.OutputStreamWriter(node.getOutputStream(),
            java.nio.charset.StandardCharsets.UTF_8), true);
        var fromNode = new java.io.BufferedReader(new java.io.InputStreamReader(node.getInputStream(),
            java.nio.charset.StandardCharsets.UTF_8));
        try {
            long t0 = System.nanoTime();
            if (!awaitLine(fromNode, "READY")) {
                results.note("two-node drain: the second node did not start");
                return;
            }
            results.raw("two nodes: second node start (s)", f(seconds(t0), 1));
            var management = engine.getManagementService();
            config().getDbMetricsReporter().reportNow();
            toNode.println("report");
            awaitLine(fromNode, "REPORTED");
            long successBefore = management.createMetricsQuery().name(Metrics.JOB_ACQUIRED_SUCCESS).sum();
            long failureBefore = management.createMetricsQuery().name(Metrics.JOB_ACQUIRED_FAILURE).sum();
            long offset = dueAt.toEpochMilli() - System.currentTimeMillis();
            CpuSampler cpu = new CpuSampler();
            toNode.println("offset " + offset);
            ClockUtil.offset(offset);
            t0 = System.nanoTime();
            boolean queued = waitUntil(() -> countSql("SELECT COUNT(*) FROM outbox WHERE kind = ?",
                Outbox.PRE_DUE_REMINDER) - outboxBefore >= n, settings.drainTimeout());
            double load = cpu.average();
            cpu.close();
            boolean sent = waitUntil(() -> mail.getReceivedMessages().length - received >= n,
                settings.drainTimeout());
            double sentWall = seconds(t0);
            waitUntil(() -> jobLog(TIMER_PRE_DUE, dueAt).size() >= n, Duration.ofSeconds(30));
            // e-mails still in flight on either node would show up as duplicates a little later: wait a moment
            waitUntil(() -> false, Duration.ofSeconds(5));
            config().getDbMetricsReporter().reportNow();
            toNode.println("report");
            awaitLine(fromNode, "REPORTED");
            long success = management.createMetricsQuery().name(Metrics.JOB_ACQUIRED_SUCCESS).sum() - successBefore;
            long failure = management.createMetricsQuery().name(Metrics.JOB_ACQUIRED_FAILURE).sum() - failureBefore;
            List<long[]> timers = jobLog(TIMER_PRE_DUE, dueAt);
            long bySecond = countSql("SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE ACT_ID_ = ? AND JOB_STATE_ = 2 "
                + "AND TIMESTAMP_ >= ? AND HOSTNAME_ = ?", TIMER_PRE_DUE, Timestamp.from(dueAt), SECOND_NODE);
            var messages = java.util.Arrays.asList(mail.getReceivedMessages()).subList(received,
                mail.getReceivedMessages().length);
            java.util.Set<String> distinct = new java.util.HashSet<>();
            for (var message : messages) {
                distinct.add(java.util.Arrays.toString(message.getAllRecipients()) + "|" + message.getSubject());
            }
            int duplicates = messages.size() - distinct.size();
            if (!queued || !sent) {
                results.note("two-node drain did not finish within " + settings.drainTimeout() + ": reminders queued "
                    + queued + ", e-mails sent " + sent);
            }
            double twoSeconds = spanMillis(timers, timers) / 1000.0;
            double speedup = oneNodeDrainSeconds / twoSeconds;
            double failedShare = success + failure == 0 ? 0 : (double) failure / (success + failure);
            results.row("two nodes", n + " reminders due at once, first to last job", f(twoSeconds, 1) + " s",
                f(oneNodeDrainSeconds, 1) + " s (one node)", f(speedup, 2) + "x one node", ">= 1.8x",
                speedup >= 1.8);
            results.row("two nodes", "job acquisitions that lost the lock", f(100 * failedShare, 1) + " %", "", "",
                "<= 10 %", failedShare <= 0.10);
            results.row("two nodes", "e-mails sent twice", String.valueOf(duplicates), "", "", "0", duplicates == 0);
            results.row("two nodes", "timer lateness p95 (s)", f(Stats.percentile(lateness(timers), 95) / 1000, 1),
                "", "", "<= 60 s", Stats.percentile(lateness(timers), 95) / 1000 <= 60);
            results.raw("two nodes: jobs run by this node / the second node", (timers.size() - bySecond) + " / "
                + bySecond);
            results.raw("two nodes: job acquisitions locked / lost to the other node", success + " / " + failure);
            results.raw("two nodes: e-mails received / distinct", messages.size() + " / " + distinct.size());
            results.raw("two nodes: until the last e-mail was accepted by SMTP (s)", f(sentWall, 1));
            results.raw("two nodes: machine CPU load while they drained (all cores)", f(100 * load, 0) + " % (one node: "
                + f(100 * oneNodeCpuLoad, 0) + " %)");
        } finally {
            toNode.println("stop");
            if (!node.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    private static boolean awaitLine(java.io.BufferedReader in, String expected) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.trim().equals(expected)) {
                return true;
            }
        }
        return false;
    }

    /** (due date, time the job succeeded) in engine milliseconds, for jobs of one activity due at {@code dueAt}. */
    private List<long[]> jobLog(String activity, Instant dueAt) {
        return jdbc.query("""
                SELECT JOB_DUEDATE_, TIMESTAMP_ FROM ACT_HI_JOB_LOG
                WHERE ACT_ID_ = ? AND JOB_STATE_ = 2 AND TIMESTAMP_ >= ?""",
            (rs, i) -> new long[] {
                rs.getTimestamp(1) == null ? dueAt.toEpochMilli() : rs.getTimestamp(1).getTime(),
                rs.getTimestamp(2).getTime(), dueAt.toEpochMilli() },
            activity, Timestamp.from(dueAt));
    }

    /** From the first job that succeeded to the last: the drain itself, without the executor's idle wake-up. */
    private static long spanMillis(List<long[]> first, List<long[]> last) {
        long start = first.stream().mapToLong(e -> e[1]).min().orElse(0);
        long end = last.stream().mapToLong(e -> e[1]).max().orElse(0);
        return end - start;
    }

    /** Milliseconds from the moment the timers fell due to each job's success (engine clock). */
    private static long[] lateness(List<long[]> log) {
        return log.stream().mapToLong(e -> e[1] - e[2]).toArray();
    }

    // ---------------------------------------------------------------- scenario: payment correlation

    private void correlation() {
        var runtime = engine.getRuntimeService();
        PaymentService payments = context.getBean(PaymentService.class);
        int n = Math.min(settings.samples(), settings.reminders());
        List<Integer> picks = new ArrayList<>();
        for (int i = settings.reminders(); i < settings.cases(); i++) {
            picks.add(i);
        }
        Collections.shuffle(picks, new Random(42));
        String receivedOn = clock.today().toString();
        IntConsumer ours = i -> payments.receive(payment(Map.of(
            "paymentReference", "BP-" + invoiceNumber(picks.get(i)),
            "invoiceNumber", invoiceNumber(picks.get(i)),
            "amount", "10.00",
            "currency", "CNY",
            "method", "BANK_TRANSFER",
            "receivedOn", receivedOn)));
        IntConsumer bare = i -> runtime.createMessageCorrelation(BareProcess.MESSAGE)
            .processInstanceBusinessKey(bareKey(i)).setVariable("amount", 10.0).correlate();
        int warm = Math.min(50, n / 10);
        timed(warm, ours);
        timed(warm, bare);
        long[] oursLatency = timed(n - warm, i -> ours.accept(warm + i));
        long[] bareLatency = timed(n - warm, i -> bare.accept(warm + i));
        double oursP95 = Stats.percentile(oursLatency, 95) / 1e6;
        double bareP95 = Stats.percentile(bareLatency, 95) / 1e6;
        results.row("payment correlation", "p50 (ms)", f(Stats.percentile(oursLatency, 50) / 1e6, 1),
            f(Stats.percentile(bareLatency, 50) / 1e6, 1), "", "", null);
        results.row("payment correlation", "p95 (ms), " + settings.cases() + " open cases", f(oursP95, 1),
            f(bareP95, 1), f(oursP95 / bareP95, 2) + "x", "<= 2.0x", oursP95 / bareP95 <= 2.0);
        results.raw("correlation: samples per side", n - warm);
    }

    /**
     * Issue 15: a payment on an invoice that already has 49 payments (every figure is replayed from the dated
     * events, so the cost grows with the events of the customer's account): p95 beside the bare correlation.
     */
    private void busyInvoiceCorrelation() {
        var runtime = engine.getRuntimeService();
        PaymentService payments = context.getBean(PaymentService.class);
        int invoices = Math.min(40, Math.max(1, settings.cases() - settings.reminders() - settings.samples()));
        int first = settings.cases() - invoices;
        LocalDate today = clock.today();
        parallel(invoices * 49, k -> {
            int i = first + k / 49;
            payments.receive(payment(Map.of(
                "paymentReference", "BB-" + invoiceNumber(i) + "-" + (k % 49),
                "invoiceNumber", invoiceNumber(i), "amount", "0.10", "currency", "CNY", "method", "BANK_TRANSFER",
                "receivedOn", today.minusDays(49 - k % 49).toString())));
        });
        IntConsumer ours = k -> payments.receive(payment(Map.of(
            "paymentReference", "BB-" + invoiceNumber(first + k) + "-last",
            "invoiceNumber", invoiceNumber(first + k), "amount", "0.10", "currency", "CNY",
            "method", "BANK_TRANSFER", "receivedOn", today.toString())));
        // bare instances the first correlation scenario left waiting
        int used = Math.min(settings.samples(), settings.reminders());
        int bareN = Math.max(1, Math.min(invoices, settings.reminders() - used));
        IntConsumer bare = k -> runtime.createMessageCorrelation(BareProcess.MESSAGE)
            .processInstanceBusinessKey(bareKey(used + k)).setVariable("amount", 10.0).correlate();
        long[] oursLatency = timed(invoices, ours);
        long[] bareLatency = timed(bareN, bare);
        double oursP95 = Stats.percentile(oursLatency, 95) / 1e6;
        double bareP95 = Stats.percentile(bareLatency, 95) / 1e6;
        results.row("payment correlation", "p95 (ms), 50th event on an invoice", f(oursP95, 1), f(bareP95, 1),
            f(oursP95 / bareP95, 2) + "x", "<= 2.0x", oursP95 / bareP95 <= 2.0);
        results.raw("busy-invoice correlation: invoices with 49 earlier payments", invoices);
    }

    // ---------------------------------------------------------------- scenario: bytes per case

    private void openFootprint(Sizes before, Sizes after) {
        int n = settings.cases();
        if (!isPostgres()) {
            results.note("H2 byte figures come from DISK_SPACE_USED (MVStore pages, compacted lazily): indicative only;"
                + " PostgreSQL's pg_total_relation_size is the reference for sizing");
        }
        double runtime = (after.bytes(Group.RUNTIME) - before.bytes(Group.RUNTIME)) / (double) n;
        double history = (after.bytes(Group.HISTORY) - before.bytes(Group.HISTORY)) / (double) n;
        double domain = (after.bytes(Group.DOMAIN) - before.bytes(Group.DOMAIN)) / (double) n;
        results.row("footprint", "runtime bytes per open case", f(runtime, 0), "", "", "<= 10,240",
            runtime <= 10_240);
        results.row("footprint", "history bytes per open case", f(history, 0), "", "", "", null);
        results.row("footprint", "domain bytes per open case", f(domain, 0), "", "", "", null);
        results.raw("footprint: runtime bytes per open case by table", after.growth(before, Group.RUNTIME, n));
        results.raw("footprint: history bytes per open case by table", after.growth(before, Group.HISTORY, n));
        results.raw("footprint: domain bytes per open case by table", after.growth(before, Group.DOMAIN, n));
        if (isPostgres()) {
            // the rows themselves, whatever the fill of heap and index pages (which moves from run to run)
            results.raw("footprint: runtime live row bytes per open case (no indexes, no free space in pages)",
                f((after.liveRowBytes() - before.liveRowBytes()) / (double) n, 0));
        }
    }

    private void bareFootprint(Sizes before, Sizes after) {
        int n = settings.reminders();
        double runtime = (after.bytes(Group.RUNTIME) - before.bytes(Group.RUNTIME)) / (double) n;
        double history = (after.bytes(Group.HISTORY) - before.bytes(Group.HISTORY)) / (double) n;
        results.raw("footprint: bare instance, runtime / history bytes when started", f(runtime, 0) + " / "
            + f(history, 0));
        bareRuntimePerInstance = runtime;
    }

    /**
     * Closed cases: reminded cases paid in full (the usual happy ending), their closing step run by the job
     * executor, then history cleanup after the time to live. The bytes the cleanup frees are their history.
     */
    private void closedFootprint() {
        int k = Math.min(settings.closed(), settings.reminders());
        PaymentService payments = context.getBean(PaymentService.class);
        String receivedOn = clock.today().toString();
        Sizes before = footprint(true);
        long t0 = System.nanoTime();
        parallel(k, i -> payments.receive(payment(Map.of(
            "paymentReference", "BF-" + invoiceNumber(i),
            "invoiceNumber", invoiceNumber(i),
            "amount", amountOf(i).add(new java.math.BigDecimal("100.00")).toPlainString(),
            "currency", "CNY",
            "method", "BANK_TRANSFER",
            "receivedOn", receivedOn))));
        boolean closed = waitUntil(() -> countSql("SELECT COUNT(*) FROM ACT_RU_EXECUTION e JOIN invoices i ON"
            + " i.process_instance_id = e.PROC_INST_ID_ WHERE i.invoice_number < ?", invoiceNumber(k)) == 0,
            settings.drainTimeout());
        results.raw("closing: " + k + " cases paid and closed by the job executor", f(seconds(t0), 1) + " s"
            + (closed ? "" : " (not all closed in time)"));
        Sizes closedSizes = footprint(true);
        jobExecutor().shutdown();
        Instant endedAt = clock.now();
        moveClockTo(endedAt.plus(Duration.ofDays(182)));
        var history = engine.getHistoryService();
        long cleanStart = System.nanoTime();
        Job cleanup = history.cleanUpHistoryAsync(true);
        int runs = 0;
        var management = engine.getManagementService();
        while (runs < 10_000) {
            Job job = management.createJobQuery().jobId(cleanup.getId()).singleResult();
            if (job == null || job.getDuedate() != null && job.getDuedate().after(ClockUtil.getCurrentTime())) {
                break;
            }
            management.executeJob(job.getId());
            runs++;
        }
        double cleanSeconds = seconds(cleanStart);
        Sizes cleaned = footprint(true);
        long leftRows = countSql("SELECT COUNT(*) FROM ACT_HI_ACTINST a JOIN invoices i ON"
            + " i.process_instance_id = a.PROC_INST_ID_ WHERE i.invoice_number < ?", invoiceNumber(k));
        double freed = (closedSizes.bytes(Group.HISTORY) - cleaned.bytes(Group.HISTORY)) / (double) k;
        double runtimeFreed = (before.bytes(Group.RUNTIME) - closedSizes.bytes(Group.RUNTIME)) / (double) k;
        results.row("footprint", "history bytes per closed case", f(freed, 0), "", "", "<= 40,960",
            freed <= 40_960);
        results.row("footprint", "history bytes per closed case after cleanup",
            f((double) leftRows, 0) + " rows left", "", "", "", null);
        results.raw("footprint: runtime bytes freed per closed case", f(runtimeFreed, 0));
        results.raw("footprint: history bytes per closed case by table (freed by cleanup)",
            closedSizes.growth(cleaned, Group.HISTORY, k));
        results.raw("cleanup: " + runs + " cleanup job runs", f(cleanSeconds, 1) + " s");
        results.raw("footprint: bare runtime bytes per open instance", f(bareRuntimePerInstance, 0));
    }

    private Sizes footprint(boolean compact) {
        long t0 = System.nanoTime();
        Sizes sizes = new Footprint(jdbc, isPostgres()).measure(compact);
        System.out.printf("[bench %s] sizes measured (%s) in %.1f s: runtime %d, history %d, domain %d bytes%n",
            database, compact ? "compacted" : "as is", seconds(t0), sizes.bytes(Group.RUNTIME),
            sizes.bytes(Group.HISTORY), sizes.bytes(Group.DOMAIN));
        return sizes;
    }

    // ---------------------------------------------------------------- helpers

    private String ledgerCsv(int from, int to) {
        StringBuilder csv = new StringBuilder(80 * (to - from + 1));
        csv.append("invoiceNumber,customerId,issueDate,dueDate,amount,currency\n");
        LocalDate remindedDue = today.plusDays(30);
        for (int i = from; i < to; i++) {
            // with bench.nodes=2 a second group of as many reminders falls due a week later (the same weekday, so
            // the business calendar moves neither group), for the two-node drain
            LocalDate due = i < settings.reminders() ? remindedDue
                : settings.nodes() > 1 && i < 2 * settings.reminders() ? remindedDue.plusDays(7)
                : remindedDue.plusDays(30 + i % 300);
            csv.append(invoiceNumber(i)).append(',').append(customerId(i % customers)).append(',').append(today)
                .append(',').append(due).append(',').append(amountOf(i).toPlainString()).append(",CNY\n");
        }
        return csv.toString();
    }

    private static java.math.BigDecimal amountOf(int i) {
        return java.math.BigDecimal.valueOf(50_000 + (i % 950_000), 2).add(java.math.BigDecimal.valueOf(500));
    }

    private Invoice invoice(String number, String customerId, LocalDate due) {
        return new Invoice(number, customerId, today, due, (int) java.time.temporal.ChronoUnit.DAYS.between(today, due),
            new java.math.BigDecimal("1234.56"), "CNY", null, CaseStatus.OPEN, Stage.PRE_DUE, null, null);
    }

    /** A payment as the API would pass it on after checking the request. */
    private static IncomingPayment payment(Map<String, String> fields) {
        return new IncomingPayment(fields.get("paymentReference"), fields.get("invoiceNumber"), null,
            new java.math.BigDecimal(fields.get("amount")), fields.get("currency"), LocalDate.parse(fields.get("receivedOn")),
            PaymentMethod.valueOf(fields.get("method")));
    }

    static String invoiceNumber(int i) {
        return String.format("BI-%07d", i);
    }

    private static String customerId(int i) {
        return String.format("BC-%06d", i);
    }

    private static String bareKey(int i) {
        return String.format("BR-%07d", i);
    }

    private void moveClockTo(Instant engineNow) {
        ClockUtil.offset(engineNow.toEpochMilli() - System.currentTimeMillis());
    }

    private JobExecutor jobExecutor() {
        return config().getJobExecutor();
    }

    private ProcessEngineConfigurationImpl config() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    private boolean isPostgres() {
        return "postgres".equals(database);
    }

    private long countSql(String sql, Object... params) {
        Long count = jdbc.queryForObject(sql, Long.class, params);
        return count == null ? 0 : count;
    }

    private static boolean waitUntil(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Runs {@code task} for 0..n-1 on the configured number of threads; any failure stops the run. */
    private void parallel(int n, IntConsumer task) {
        timed(n, task);
    }

    /** Like {@link #parallel} and returns each call's duration in nanoseconds. */
    private long[] timed(int n, IntConsumer task) {
        long[] durations = new long[n];
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        try {
            AtomicLong next = new AtomicLong();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < settings.threads(); t++) {
                workers.add(pool.submit(() -> {
                    for (int i = (int) next.getAndIncrement(); i < n; i = (int) next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        task.accept(i);
                        durations[i] = System.nanoTime() - t0;
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String detail = cause instanceof com.collectwise.api.InvalidRequestException bad
                ? String.valueOf(bad.errors()) : String.valueOf(cause.getMessage());
            throw new IllegalStateException("benchmark step failed: " + detail, e);
        } finally {
            pool.shutdownNow();
        }
        return durations;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static StatementCounter.Snapshot add(StatementCounter.Snapshot a, StatementCounter.Snapshot b) {
        if (a == null) {
            return b;
        }
        Map<String, Long> kinds = new java.util.TreeMap<>(a.byKind());
        b.byKind().forEach((k, v) -> kinds.merge(k, v, Long::sum));
        Map<String, Long> tables = new java.util.TreeMap<>(a.insertsByTable());
        b.insertsByTable().forEach((k, v) -> tables.merge(k, v, Long::sum));
        Map<String, Long> selects = new java.util.TreeMap<>(a.selectsByTable());
        b.selectsByTable().forEach((k, v) -> selects.merge(k, v, Long::sum));
        Map<String, Long> updates = new java.util.TreeMap<>(a.updatesByTable());
        b.updatesByTable().forEach((k, v) -> updates.merge(k, v, Long::sum));
        return new StatementCounter.Snapshot(kinds, tables, selects, updates);
    }

    private static long total(StatementCounter.Snapshot s) {
        return s.byKind().values().stream().mapToLong(Long::longValue).sum();
    }

    private static String perCase(Map<String, Long> counts, int cases) {
        StringBuilder out = new StringBuilder();
        counts.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
            .forEach(e -> out.append(out.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                .append(f(e.getValue() / (double) cases, 2)));
        return out.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

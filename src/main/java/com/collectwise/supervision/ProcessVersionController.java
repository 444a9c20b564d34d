package com.collectwise.supervision;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.collectwise.kernel.CaseVariables;

/**
 * Supervisors (and administrators) move running cases to a newly deployed version:
 * GET /api/process-versions lists the versions with their running cases, GET
 * /api/process-versions/migration-plan?from=&to= shows what a migration would do, POST
 * /api/process-versions/migrations runs it. {@code process} defaults to the collection process; {@code to}
 * to the newest version, {@code from} to the newest older version with running cases.
 */
@RestController
public class ProcessVersionController {

    private final ProcessVersionService versions;

    public ProcessVersionController(ProcessVersionService versions) {
        this.versions = versions;
    }

    @GetMapping("/api/process-versions")
    public List<ProcessVersion> list(@RequestParam(defaultValue = CaseVariables.PROCESS_COLLECTION) String process) {
        return versions.versions(process);
    }

    @GetMapping("/api/process-versions/migration-plan")
    public MigrationPlanView plan(@RequestParam(defaultValue = CaseVariables.PROCESS_COLLECTION) String process,
                                  @RequestParam(required = false) Integer from,
                                  @RequestParam(required = false) Integer to) {
        return versions.plan(process, from, to);
    }

    /**
     * Body (all optional): {@code process}, {@code from}, {@code to}, {@code async} (default true: a batch). A value that
     * cannot be read ({@code "from": "abc"}) is a 400 naming it, not taken as left out: that migrated the default pair.
     */
    @PostMapping("/api/process-versions/migrations")
    public MigrationResult migrate(@jakarta.validation.Valid @RequestBody(required = false) MigrationRequest request) {
        MigrationRequest r = request == null ? new MigrationRequest(null, null, null, null) : request;
        return versions.migrate(r.process() == null ? CaseVariables.PROCESS_COLLECTION : r.process(), r.from(),
            r.to(), r.async() == null || r.async());
    }

    public record MigrationRequest(String process, Integer from, Integer to, Boolean async) {
    }
}

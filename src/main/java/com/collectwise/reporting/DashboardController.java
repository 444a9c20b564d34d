package com.collectwise.reporting;

import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import com.collectwise.api.AsOf;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.screens.ScreenSettings;

/**
 * The finance dashboard: GET /api/reports/dashboard?asOf= (finance, supervisors) returns its figures; the page
 * itself is static (src/main/resources/static/dashboard/) and reads the same figures from /dashboard/data, below
 * its own path, so the browser sends the login it was asked for with the page.
 */
@Controller
public class DashboardController {

    private final DashboardService dashboards;
    private final BusinessClock clock;
    private final String language;

    public DashboardController(DashboardService dashboards, BusinessClock clock,
                               ScreenSettings screens) {
        this.dashboards = dashboards;
        this.clock = clock;
        this.language = screens.language();
    }

    /** The screen language of the installation (zh-CN, en, or auto = the browser's): the page's words follow it. */
    @GetMapping("/dashboard/settings")
    @ResponseBody
    public Map<String, String> settings() {
        return Map.of("language", language);
    }

    @GetMapping({"/api/reports/dashboard", "/dashboard/data"})
    @ResponseBody
    public Dashboard dashboard(@RequestParam(required = false) String asOf) {
        return dashboards.dashboard(AsOf.report(asOf, clock.today()));
    }

    /** With the slash, so the page's relative links (styles, scripts, data) resolve below /dashboard/. */
    @GetMapping("/dashboard")
    public String redirect() {
        return "redirect:/dashboard/";
    }

    @GetMapping("/dashboard/")
    public String page() {
        return "forward:/dashboard/index.html";
    }
}

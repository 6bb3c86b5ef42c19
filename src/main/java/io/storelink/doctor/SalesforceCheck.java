package io.storelink.doctor;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.Limits;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.Version;
import org.springframework.stereotype.Component;

import io.storelink.config.SalesforceSettings;
import io.storelink.salesforce.login.LoginFlow;
import io.storelink.salesforce.login.LoginSettingsException;

/**
 * Salesforce: the login works with the configured flow (a refusal explained by {@link LoginDiagnosis}), the API
 * version the bridge speaks is one the org serves, and how much of the daily API allowance is left. Through the
 * bridge's own camel-salesforce component, so the doctor logs in exactly as the writers do.
 */
@Component
class SalesforceCheck implements DoctorCheck {

    static final String AREA = "Salesforce";
    private static final Pattern LOGIN_ERROR = Pattern.compile("Login error code:\\[(.*?)] description:\\[(.*?)]");

    private final CamelContext camel;
    private final SalesforceSettings settings;

    SalesforceCheck(CamelContext camel, SalesforceSettings settings) {
        this.camel = camel;
        this.settings = settings;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<Finding> run() {
        List<Finding> findings = new ArrayList<>();
        LoginFlow flow;
        SalesforceComponent salesforce;
        try {
            salesforce = camel.getComponent("salesforce", SalesforceComponent.class);
            flow = LoginFlow.of(settings); // what SalesforceLoginCustomizer gave the component
        } catch (RuntimeException e) {
            LoginSettingsException settingsProblem = settingsProblem(e);
            findings.add(settingsProblem != null
                    ? Finding.failed(AREA, "login", settingsProblem.getMessage(), "fix " + settingsProblem.variable()
                            + " (README \"Salesforce credentials\")")
                    : Finding.failed(AREA, "login", "the Salesforce component did not start: " + e.getMessage(),
                            "set the variables of one flow in README \"Salesforce credentials\" (SALESFORCE_AUTH_TYPE picks one)"));
            return findings;
        }
        Finding login = login(salesforce, flow);
        findings.add(login);
        if (!login.ok()) {
            return findings;
        }
        ProducerTemplate producer = camel.createProducerTemplate();
        try {
            findings.add(apiVersion(producer));
            findings.add(allowance(producer));
        } finally {
            try {
                producer.stop();
            } catch (Exception ignored) {
                // nothing to release that matters
            }
        }
        return findings;
    }

    /** The login settings' own explanation (a JWT key that cannot be read), wrapped by Camel's component creation. */
    private static LoginSettingsException settingsProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LoginSettingsException problem) {
                return problem;
            }
        }
        return null;
    }

    private Finding login(SalesforceComponent salesforce, LoginFlow flow) {
        try {
            salesforce.getSession().login(null); // the running bridge's session when it has one: no extra login
            return Finding.passed(AREA, "login", "logged in with the " + flow.setting() + " flow at " + settings.loginUrl()
                    + " (instance " + salesforce.getSession().getInstanceUrl() + ")");
        } catch (SalesforceException e) {
            Matcher m = loginError(e);
            if (m != null) {
                LoginDiagnosis.Cause cause = LoginDiagnosis.of(m.group(1), m.group(2), flow, settings);
                return Finding.failed(AREA, "login", cause.detail(), cause.fix());
            }
            return unreachable(e);
        } catch (RuntimeException e) {
            return unreachable(e);
        }
    }

    private Finding unreachable(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root instanceof UnknownHostException ? "unknown host"
                : root instanceof ConnectException ? "connection refused" : root.getClass().getSimpleName();
        return Finding.failed(AREA, "login", settings.loginUrl() + " could not be reached to log in (" + why + ")",
                "set SALESFORCE_LOGIN_URL to https://login.salesforce.com, https://test.salesforce.com (sandboxes) or "
                        + "the org's My Domain URL, and check that this machine reaches it (proxy, firewall)");
    }

    private static Matcher loginError(SalesforceException e) {
        List<RestError> errors = e.getErrors();
        String text = errors != null && !errors.isEmpty() ? errors.get(0).getMessage() : e.getMessage();
        if (text == null) {
            return null;
        }
        Matcher m = LOGIN_ERROR.matcher(text);
        return m.find() ? m : null;
    }

    private Finding apiVersion(ProducerTemplate producer) {
        String wanted = settings.apiVersion();
        try {
            List<?> versions = producer.requestBody("salesforce:getVersions", null, List.class); // List<Version>, oldest first
            List<String> served = versions.stream().map(v -> ((Version) v).getVersion()).toList();
            if (served.contains(wanted)) {
                return Finding.passed(AREA, "API version", "v" + wanted + " is served (newest v" + served.get(served.size() - 1) + ")");
            }
            return Finding.failed(AREA, "API version", "v" + wanted + " is not served by this org (it serves v"
                    + served.get(0) + " to v" + served.get(served.size() - 1) + ")",
                    "set storelink.salesforce.api-version to \"" + served.get(served.size() - 1) + "\" in application.yaml");
        } catch (CamelExecutionException | ClassCastException | IndexOutOfBoundsException e) {
            return Finding.failed(AREA, "API version", "the org's API versions could not be read ("
                    + e.getClass().getSimpleName() + ")", "check that " + settings.loginUrl() + " is the org's login host");
        }
    }

    private Finding allowance(ProducerTemplate producer) {
        try {
            Limits limits = producer.requestBody("salesforce:limits", null, Limits.class);
            Limits.Usage daily = limits.getDailyApiRequests();
            String detail = String.format(Locale.ROOT, "%,d of %,d API calls left in the last 24 h", daily.getRemaining(), daily.getMax());
            if (daily.getRemaining() <= 0) {
                return Finding.failed(AREA, "API allowance", detail,
                        "wait for the rolling 24 h window, or ask Salesforce for a higher allowance; the writers pause until then");
            }
            return Finding.passed(AREA, "API allowance", detail);
        } catch (CamelExecutionException e) {
            return Finding.failed(AREA, "API allowance", "GET /limits failed (" + e.getCause().getClass().getSimpleName() + ")",
                    "give the integration user the API Enabled and View Setup and Configuration permissions");
        }
    }
}

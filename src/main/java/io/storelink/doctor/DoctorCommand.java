package io.storelink.doctor;

import java.io.PrintStream;
import java.util.List;

import org.springframework.stereotype.Component;

import io.storelink.command.StorelinkCommand;

/** {@code java -jar storelink.jar doctor}: one line per check, ✔ or ✘, each ✘ followed by its fix. */
@Component
public class DoctorCommand implements StorelinkCommand {

    private final Doctor doctor;

    public DoctorCommand(Doctor doctor) {
        this.doctor = doctor;
    }

    @Override
    public String name() {
        return "doctor";
    }

    @Override
    public String usage() {
        return "doctor    checks the settings, Shopify, Salesforce, the org's schema and Kafka; exit 0 when all pass";
    }

    @Override
    public int run(List<String> arguments, PrintStream out) {
        if (!arguments.isEmpty()) {
            out.println("usage: java -jar storelink.jar " + usage());
            return 2;
        }
        List<Finding> findings = doctor.examine();
        for (Finding f : findings) {
            out.println((f.ok() ? "✔ " : "✘ ") + f.area() + " " + f.check() + ": " + f.detail());
            if (!f.ok()) {
                out.println("    fix: " + f.fix());
            }
        }
        long failed = findings.stream().filter(f -> !f.ok()).count();
        out.println(failed == 0 ? "All " + findings.size() + " checks passed."
                : failed + " of " + findings.size() + " checks failed.");
        return failed == 0 ? 0 : 1;
    }
}

package io.storelink.config;

/** A required setting is absent; the message names the environment variable to set. */
public class MissingSettingException extends RuntimeException {

    private final String variable;
    private final String why;

    public MissingSettingException(String variable, String why) {
        super("Missing required setting " + variable + ": " + why);
        this.variable = variable;
        this.why = why;
    }

    public String why() {
        return why;
    }

    public String variable() {
        return variable;
    }
}

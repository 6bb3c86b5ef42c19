package io.storelink.config;

/** A required setting is absent; the message names the environment variable to set. */
public class MissingSettingException extends RuntimeException {

    private final String variable;

    public MissingSettingException(String variable, String why) {
        super("Missing required setting " + variable + ": " + why);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}

package io.storelink.fakes.salesforce;

/** Salesforce field types the fake understands; {@link #soapName} is what describe reports. */
public enum FieldType {
    ID("id", 18),
    STRING("string", 255),
    TEXTAREA("textarea", 32768),
    EMAIL("email", 80),
    PHONE("phone", 40),
    URL("url", 255),
    PICKLIST("picklist", 255),
    REFERENCE("reference", 18),
    DATE("date", 0),
    DATETIME("datetime", 0),
    DOUBLE("double", 0),
    CURRENCY("currency", 0),
    PERCENT("percent", 0),
    INT("int", 0),
    BOOLEAN("boolean", 0);

    final String soapName;
    final int defaultLength;

    FieldType(String soapName, int defaultLength) {
        this.soapName = soapName;
        this.defaultLength = defaultLength;
    }

    /** The type's name in describe (string, currency, ...). */
    public String soapName() {
        return soapName;
    }

    /** Text-like types carry a length and are compared case-insensitively by SOQL. */
    public boolean isText() {
        return defaultLength > 0 && this != ID && this != REFERENCE;
    }

    boolean isNumeric() {
        return this == DOUBLE || this == CURRENCY || this == PERCENT || this == INT;
    }
}

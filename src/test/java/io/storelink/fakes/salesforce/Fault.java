package io.storelink.fakes.salesforce;

/** Whole-call failures, each with the status and body Salesforce (or a proxy in front of it) returns. */
public enum Fault {
    INVALID_SESSION(401, "INVALID_SESSION_ID", "Session expired or invalid"),
    REQUEST_LIMIT_EXCEEDED(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."),
    SERVER_UNAVAILABLE(503, "SERVER_UNAVAILABLE", "Server is unavailable. Please try again later."),
    UNKNOWN_EXCEPTION(500, "UNKNOWN_EXCEPTION",
            "An unexpected error occurred. Please include this ErrorId if you contact support: 1289034587-57101 (-1270374455)"),
    UNABLE_TO_LOCK_ROW(400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record"),
    /** Salesforce itself never sends 429; API gateways in front of it do, with Retry-After. */
    TOO_MANY_REQUESTS(429, "TOO_MANY_REQUESTS", "Too many requests, retry after 1 second");

    final int status;
    final String errorCode;
    final String message;

    Fault(int status, String errorCode, String message) {
        this.status = status;
        this.errorCode = errorCode;
        this.message = message;
    }

    SfError error() {
        // UNABLE_TO_LOCK_ROW is a DML error, which always carries a (here empty) fields list
        return this == UNABLE_TO_LOCK_ROW
                ? SfError.badRequest(errorCode, message)
                : SfError.noFields(status, errorCode, message);
    }
}

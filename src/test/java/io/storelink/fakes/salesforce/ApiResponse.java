package io.storelink.fakes.salesforce;

import java.util.LinkedHashMap;
import java.util.Map;

/** Status, JSON body (null for none) and extra headers of one API answer. */
record ApiResponse(int status, Object body, Map<String, String> headers) {

    static ApiResponse of(int status, Object body) {
        return new ApiResponse(status, body, Map.of());
    }

    static ApiResponse error(SfError e) {
        return new ApiResponse(e.status, e.restBody(), Map.of());
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, body, h);
    }

    boolean failed() {
        return status >= 300;
    }
}

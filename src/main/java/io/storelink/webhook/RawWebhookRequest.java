package io.storelink.webhook;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

import io.storelink.shopify.ShopifyHeaders;
import io.storelink.shopify.WebhookCounter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the webhook route the request body as opaque bytes, read once and bounded, whatever the request claims
 * its content type to be.
 * <p>
 * Why by hand: camel-platform-http 4.17 on Spring Boot parses the body of any POST with
 * {@code Content-Type: application/x-www-form-urlencoded} into headers before the route runs, even with
 * {@code useStreaming=true} ({@code DefaultHttpBinding.readFormUrlEncodedBody}: a body that is not
 * {@code key=value&...} throws "Invalid parameter, expected to be a pair", answered 500 outside the route's
 * error handler), then replaces a form body with a Map ({@code populateBodyWithForm}); Spring MVC's multipart
 * resolver parses {@code multipart/*} bodies before Camel sees them (garbage: 500). The binding is created by
 * the consumer and has no option to switch this off (only a header that clients cannot set), and the
 * multipart resolver is global. Camel also copies the whole body into memory before the route can apply
 * {@code storelink.shopify.max-webhook-size}, and a body that breaks off mid-way (EOF before Content-Length)
 * fails there with a 500. So this filter reads at most the limit + 1 byte itself (the route answers 413 above
 * the limit; the rest is read and dropped up to twice the limit so the sender reads its 413 instead of a reset;
 * a declared Content-Length above that is not read at all), answers 400 when the body cannot be read,
 * and shows everything behind it a request whose content type is {@code application/octet-stream}: nothing
 * parses the body and the route verifies the HMAC over the exact bytes. The Content-Type header itself is
 * left as sent. Parameters are hidden too: Shopify sends none, Camel would copy query parameters into message
 * headers (where they could shadow Shopify's), and Tomcat's parameter parsing can fail on garbage.
 */
public class RawWebhookRequest extends OncePerRequestFilter {

    private static final byte[] UNREADABLE = "request body could not be read".getBytes(StandardCharsets.US_ASCII);

    private final long maxBytes;
    private final ObjectProvider<WebhookCounter> counter;

    /** The counter is looked up per request: the web server creates its filters before the meter registry is ready. */
    public RawWebhookRequest(long maxBytes, ObjectProvider<WebhookCounter> counter) {
        this.maxBytes = maxBytes;
        this.counter = counter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body;
        try {
            // taking the stream also stops Tomcat from ever parsing the body as form parameters
            ServletInputStream in = request.getInputStream();
            if (request.getContentLengthLong() > 2 * maxBytes) {
                body = new byte[0]; // far too large: not read at all, the route answers 413 from Content-Length
            } else {
                body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (body.length > maxBytes) {
                    // too large (413): read the rest, bounded, so that the sender gets to read its answer
                    drain(in, maxBytes);
                }
            }
        } catch (IOException brokenBody) {
            counter.getObject().rejected(request.getHeader(ShopifyHeaders.TOPIC), HttpServletResponse.SC_BAD_REQUEST);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("text/plain");
            response.setContentLength(UNREADABLE.length);
            response.getOutputStream().write(UNREADABLE);
            return;
        }
        chain.doFilter(new Opaque(request, body), response);
    }

    private static void drain(ServletInputStream in, long atMost) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (long left = atMost; left > 0; ) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                return;
            }
            left -= read;
        }
    }

    /** The request with its body already read: the bytes, of no particular type. */
    static final class Opaque extends HttpServletRequestWrapper {

        private final byte[] body;

        Opaque(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public String getContentType() {
            return "application/octet-stream";
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public String getParameter(String name) {
            return null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Map.of();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String[] getParameterValues(String name) {
            return null;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return bytes.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the webhook body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}

/**
 * Servlet filters in front of the intake: the exact raw body for any content type, 503 while the route is not running.
 */
package io.storelink.webhook;

/**
 * Commands of the jar ({@code java -jar storelink.jar doctor}, {@code register-webhooks ...}): the same Spring
 * configuration as the bridge under the {@code command} profile (application.yaml: no web server, no routes, no
 * leader election), one {@link io.storelink.command.StorelinkCommand} bean run, its exit status returned.
 */
package io.storelink.command;

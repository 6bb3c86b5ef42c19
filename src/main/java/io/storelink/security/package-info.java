/**
 * The console login: Spring Security on the port, Hawtio's JAAS login module, console off without credentials.
 */
package io.storelink.security;

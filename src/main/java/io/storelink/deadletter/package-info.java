/**
 * The story a dead letter carries (error class, codes, attempts, failure times, source) and replay runs.
 */
package io.storelink.deadletter;

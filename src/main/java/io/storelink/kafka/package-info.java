/**
 * Kafka around the routes: offset commits, the pollers' checkpoints (compacted topic), client security settings, health.
 */
package io.storelink.kafka;

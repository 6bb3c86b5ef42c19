/**
 * Settings from application.yaml and the environment, and the start-up checks that name a missing variable.
 */
package io.storelink.config;

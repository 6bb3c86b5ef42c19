/**
 * Leader election for the pollers (a file lock on one machine, a Kubernetes Lease in a cluster) and its health.
 */
package io.storelink.leader;

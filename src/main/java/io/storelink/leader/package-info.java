/**
 * The pollers' leader: Camel's cluster-service starters elect it (a lock file on one machine, a Kubernetes Lease
 * under the kubernetes profile; application.yaml {@code camel.cluster.*}); here its health and the switch that
 * keeps the schedules off when the jobs are disabled.
 */
package io.storelink.leader;

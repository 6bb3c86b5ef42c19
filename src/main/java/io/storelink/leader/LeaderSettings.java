package io.storelink.leader;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which cluster service elects the one instance that runs the pollers.
 *
 * @param clusterService {@code file} (one machine: a lock file under {@code fileRoot}) or {@code kubernetes}
 *                       (a Lease in the pod's namespace; needs RBAC on leases and pods, see k8s/)
 * @param memberId       this instance's name in the election (default: host name, i.e. the pod name)
 * @param fileRoot       directory of the lock file; every instance of one deployment must share it
 * @param fileInterval   how often a follower tries the lock (a dead leader's jobs move within about this)
 * @param leaseDuration  Kubernetes: a leader that stopped renewing loses the Lease after this
 * @param renewDeadline  Kubernetes: the leader steps down if it could not renew within this
 * @param retryPeriod    Kubernetes: how often candidates and the leader check the Lease
 */
@ConfigurationProperties("storelink.leader")
public record LeaderSettings(String clusterService, String memberId, String fileRoot, Duration fileInterval,
                             String kubernetesNamespace, Duration leaseDuration, Duration renewDeadline,
                             Duration retryPeriod) {

    public LeaderSettings {
        clusterService = clusterService == null || clusterService.isBlank() ? "file" : clusterService.trim();
        fileInterval = fileInterval == null ? Duration.ofSeconds(5) : fileInterval;
        leaseDuration = leaseDuration == null ? Duration.ofSeconds(15) : leaseDuration;
        renewDeadline = renewDeadline == null ? Duration.ofSeconds(10) : renewDeadline;
        retryPeriod = retryPeriod == null ? Duration.ofSeconds(2) : retryPeriod;
    }
}

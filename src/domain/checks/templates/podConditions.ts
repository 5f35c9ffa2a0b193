/**
 * Container waiting reasons that mean the container cannot run (kubelet reasons; Kubernetes docs "Debug Pods").
 * ContainerCreating and PodInitializing are normal start-up and are not listed.
 */
export const FAILED_WAITING_REASONS = [
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageNeverPull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
];

/**
 * A KubePodInventory row (one per container and per init container) that shows a failing pod: phase Failed or
 * Unknown; a container waiting in a failure reason; a container terminated with anything but Completed while the
 * pod is Running (a finished init container reads terminated/Completed and is fine).
 */
export const FAILING_ROW = [
  'PodStatus in ("Failed", "Unknown")',
  `(ContainerStatus == "waiting" and ContainerStatusReason in (${FAILED_WAITING_REASONS.map((r) => `"${r}"`).join(', ')}))`,
  '(ContainerStatus == "terminated" and ContainerStatusReason != "Completed" and PodStatus == "Running")',
].join(' or ');

/** Pods that are leaving or done: a Terminating pod (deletionTimestamp set) and a Succeeded (completed Job) pod. */
export const GONE_OR_DONE = 'PodStatus in ("Terminating", "Succeeded")';

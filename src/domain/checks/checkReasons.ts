/** Why one cluster got its verdict in one check evaluation. */
export const ClusterReason = {
  /** The value satisfied `value <comparator> threshold`. */
  ThresholdMet: 'ThresholdMet',
  /** The value did not satisfy `value <comparator> threshold`. */
  ThresholdViolated: 'ThresholdViolated',
  /** No row for the cluster and noDataPolicy `inconclusive` (the default): missing data never passes. */
  NoData: 'NoData',
  /** No row for the cluster and noDataPolicy `fail`. */
  NoDataTreatedAsFailure: 'NoDataTreatedAsFailure',
  /** No row for the cluster and noDataPolicy `pass`, which config must state explicitly. */
  NoDataTreatedAsPass: 'NoDataTreatedAsPass',
  /** The value column held null, text, NaN or Infinity. */
  ValueNotNumeric: 'ValueNotNumeric',
  /** The query returned more than one row for the cluster, breaking the one-row-per-cluster contract. */
  DuplicateRows: 'DuplicateRows',
  /** The query itself failed or its result broke the contract; no per-cluster verdict was possible. */
  QueryFailed: 'QueryFailed',
} as const;
export type ClusterReason = (typeof ClusterReason)[keyof typeof ClusterReason];

/** Why a whole check evaluation got its outcome. */
export const CheckReason = {
  /** Every gated cluster met the threshold. */
  AllClustersPassed: 'AllClustersPassed',
  /** At least one cluster violated the threshold (or had no data under noDataPolicy `fail`). */
  ClusterFailed: 'ClusterFailed',
  /** No cluster failed, but at least one value could not be read (an error, never a pass). */
  ClusterErrored: 'ClusterErrored',
  /** No cluster failed or errored, but at least one had no data under noDataPolicy `inconclusive`. */
  ClusterInconclusive: 'ClusterInconclusive',
  /** The configured Log Analytics workspace does not exist: the config is wrong; this is not missing data. */
  WorkspaceMisconfigured: 'WorkspaceMisconfigured',
  /** Log Analytics returned an error (throttling, timeout, bad query, partial result). */
  QueryFailed: 'QueryFailed',
  /** The result lacked the cluster-id or value column, or a cluster id was not a string. */
  ResultContractViolated: 'ResultContractViolated',
  /** There were no clusters to evaluate; nothing was verified. */
  NoClusters: 'NoClusters',
} as const;
export type CheckReason = (typeof CheckReason)[keyof typeof CheckReason];

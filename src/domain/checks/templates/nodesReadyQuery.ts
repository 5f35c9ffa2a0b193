import { latestSnapshot } from '../checkQuery';

/**
 * Body of `nodes-ready`: the newest KubeNodeInventory snapshot per cluster. Status is the comma-separated list of
 * the node conditions that are true (microsoft/Docker-Provider in_kube_nodes.rb, `getNodeInventoryRecord`): a node
 * is ready when `Ready` is one of its items; a NotReady node has an empty Status (never the text `NotReady`).
 * Columns: ClusterId, Value (nodes not Ready), Nodes.
 */
export function nodesReadyQuery(): string {
  return [
    latestSnapshot('nodes', 'KubeNodeInventory'),
    'nodes',
    '| extend IsReady = Status == "Ready" or Status startswith "Ready," or Status endswith ",Ready" or Status contains ",Ready,"',
    '| summarize Nodes = count(), NotReadyNodes = countif(IsReady == false) by ClusterId',
    '| project ClusterId, Value = NotReadyNodes, Nodes',
  ].join('\n');
}

import { scopedTable } from '../checkQuery';

/**
 * Body of `nodes-ready`: the latest KubeNodeInventory row per node in the window; Status is the comma-separated
 * list of node conditions that are true, so a node is ready when `Ready` is one of its items.
 * Columns: ClusterId, Value (NotReady nodes), Nodes.
 */
export function nodesReadyQuery(): string {
  return [
    scopedTable('KubeNodeInventory'),
    '| summarize arg_max(TimeGenerated, Status) by ClusterId, Computer',
    '| extend IsReady = Status == "Ready" or Status startswith "Ready," or Status endswith ",Ready" or Status contains ",Ready,"',
    '| summarize Nodes = count(), NotReadyNodes = countif(IsReady == false) by ClusterId',
    '| project ClusterId, Value = NotReadyNodes, Nodes',
  ].join('\n');
}

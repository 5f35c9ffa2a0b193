#!/usr/bin/env bash
# azd postdeploy hook: subscribes Conductor's Event Grid functions to their event sources.
#
# It runs after the code deploy, not in Bicep, because the webhook endpoint needs the
# function app's `eventgrid_extension` system key, which the Functions host creates only
# once the deployed code (with its Event Grid triggers) has started.
#
# Safe to re-run: system topics are reused when one already exists for the source (Event Grid
# allows one per source), and existing event subscriptions are updated in place (which also
# picks up a rotated key).
#
# Inputs (azd passes its environment to hooks):
#   AZURE_FUNCTION_APP_NAME, AZURE_RESOURCE_GROUP   outputs of infra/main.bicep
#   AZURE_SUBSCRIPTION_ID                           subscription of the function app
#   CONDUCTOR_CONFIG_PATH                           conductor.yaml (default), which names the fleets to wire
#
# The approval signing key is not this hook's business any more: provisioning writes it before the app
# settings that reference it (see preprovision.mjs).

if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -euo pipefail

GATE_FUNCTION='onFleetGateEvent'
AKS_FUNCTION='onAksEvent'
GATE_TOPIC_TYPE='microsoft.resourcenotifications.AKSResources'
AKS_TOPIC_TYPE='Microsoft.ContainerService.ManagedClusters'
GATE_SUBSCRIPTION_NAME='conductor-fleet-gates'
AKS_SUBSCRIPTION_NAME='conductor-aks-releases'
GATE_EVENT_TYPES=(
  'Microsoft.ResourceNotifications.AKSResources.FleetGateCreated'
  'Microsoft.ResourceNotifications.AKSResources.FleetGateUpdated'
)
AKS_EVENT_TYPES=(
  'Microsoft.ContainerService.NewKubernetesVersionAvailable'
  'Microsoft.ContainerService.ClusterSupportEnding'
  'Microsoft.ContainerService.ClusterSupportEnded'
)

log() { printf 'postdeploy: %s\n' "$*" >&2; }
fail() { log "error: $*"; exit 1; }
lower() { printf '%s' "$1" | tr '[:upper:]' '[:lower:]'; }

command -v az >/dev/null 2>&1 || fail 'the Azure CLI (az) is required'
: "${AZURE_FUNCTION_APP_NAME:?AZURE_FUNCTION_APP_NAME is not set (run azd provision first)}"
: "${AZURE_RESOURCE_GROUP:?AZURE_RESOURCE_GROUP is not set (run azd provision first)}"
APP_SUBSCRIPTION="${AZURE_SUBSCRIPTION_ID:-$(az account show --query id -o tsv)}"

# Fleets come from conductor.yaml, the one source of truth (the same derivation the preprovision hook wrote to
# FLEETS for the role assignments), so the Event Grid wiring cannot drift from the roles.
FLEETS="$(node "$(dirname "$0")/deploymentInputs.mjs" "${CONDUCTOR_CONFIG_PATH:-conductor.yaml}" | sed -n 's/^FLEETS=//p')"

if [ -z "${FLEETS//[ ,]/}" ]; then
  log 'conductor.yaml lists no fleets: no Event Grid subscriptions to create'
  exit 0
fi

if ! az extension show --name fleet >/dev/null 2>&1; then
  log 'installing the Azure CLI fleet extension'
  az extension add --name fleet --only-show-errors
fi

# --- the webhook endpoint -------------------------------------------------------------------

host="$(az functionapp show --subscription "$APP_SUBSCRIPTION" -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" \
  --query defaultHostName -o tsv)"
[ -n "$host" ] || fail "function app $AZURE_FUNCTION_APP_NAME not found in $AZURE_RESOURCE_GROUP"

# The key appears once the host has started with the new code; give it a few minutes.
key=''
for attempt in $(seq 1 20); do
  key="$(az functionapp keys list --subscription "$APP_SUBSCRIPTION" -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" \
    --query 'systemKeys.eventgrid_extension' -o tsv 2>/dev/null || true)"
  [ -n "$key" ] && break
  log "waiting for the eventgrid_extension system key (attempt $attempt/20)"
  sleep 15
done
[ -n "$key" ] || fail 'the eventgrid_extension system key did not appear; is the code deployed and does it register an Event Grid trigger?'

endpoint_for() { printf 'https://%s/runtime/webhooks/eventgrid?functionName=%s&code=%s' "$host" "$1" "$key"; }

# --- helpers --------------------------------------------------------------------------------

TOPIC_RG=''
TOPIC_NAME=''
declare -A topics_by_subscription=()   # subscription -> TSV "id<TAB>source<TAB>topicType" lines
declare -A registered_subscriptions=()

ensure_event_grid_provider() {
  local sub="$1" state
  [ -n "${registered_subscriptions[$sub]:-}" ] && return 0
  state="$(az provider show --subscription "$sub" --namespace Microsoft.EventGrid --query registrationState -o tsv)"
  if [ "$state" != 'Registered' ]; then
    log "registering the Microsoft.EventGrid resource provider in subscription $sub"
    az provider register --subscription "$sub" --namespace Microsoft.EventGrid --wait --only-show-errors
  fi
  registered_subscriptions[$sub]=1
}

load_topics() {
  local sub="$1"
  if [ -z "${topics_by_subscription[$sub]+set}" ]; then
    topics_by_subscription[$sub]="$(az eventgrid system-topic list --subscription "$sub" \
      --query '[].[id, source, topicType]' -o tsv --only-show-errors)"
  fi
}

# Prints "<resourceGroup> <topicName>" of the cached system topic for (source, type), if any.
# Reads the cache only: call load_topics first, in this shell.
find_topic() {
  local sub="$1" source="$2" type="$3"
  printf '%s\n' "${topics_by_subscription[$sub]}" | awk -F '\t' -v src="$(lower "$source")" -v typ="$(lower "$type")" '
    tolower($2) == src && tolower($3) == typ { n = split($1, p, "/"); print p[5], p[n]; exit }'
}

# Sets TOPIC_RG and TOPIC_NAME to the system topic for (source, type), creating it in the
# given resource group and location when none exists. Runs in this shell (never in $(...))
# so the caches above stay up to date.
ensure_topic() {
  local sub="$1" rg="$2" name="$3" location="$4" source="$5" type="$6" found
  ensure_event_grid_provider "$sub"
  load_topics "$sub"
  found="$(find_topic "$sub" "$source" "$type")"
  if [ -n "$found" ]; then
    read -r TOPIC_RG TOPIC_NAME <<<"$found"
    return 0
  fi
  log "creating system topic $name ($type) for $source"
  az eventgrid system-topic create --subscription "$sub" -g "$rg" -n "$name" -l "$location" \
    --topic-type "$type" --source "$source" --only-show-errors >/dev/null
  topics_by_subscription[$sub]+=$'\n'"/subscriptions/$sub/resourceGroups/$rg/providers/Microsoft.EventGrid/systemTopics/$name"$'\t'"$source"$'\t'"$type"
  TOPIC_RG="$rg"
  TOPIC_NAME="$name"
}

# Creates or updates a webhook event subscription on a system topic.
upsert_subscription() {
  local sub="$1" rg="$2" topic="$3" name="$4" endpoint="$5"
  shift 5
  if az eventgrid system-topic event-subscription show --subscription "$sub" -g "$rg" \
    --system-topic-name "$topic" -n "$name" --only-show-errors >/dev/null 2>&1; then
    log "updating event subscription $name on $topic"
    az eventgrid system-topic event-subscription update --subscription "$sub" -g "$rg" \
      --system-topic-name "$topic" -n "$name" \
      --endpoint "$endpoint" --included-event-types "$@" --only-show-errors >/dev/null
  else
    log "creating event subscription $name on $topic"
    az eventgrid system-topic event-subscription create --subscription "$sub" -g "$rg" \
      --system-topic-name "$topic" -n "$name" \
      --endpoint "$endpoint" --endpoint-type webhook --included-event-types "$@" --only-show-errors >/dev/null
  fi
}

# --- wire every fleet -----------------------------------------------------------------------

gate_endpoint="$(endpoint_for "$GATE_FUNCTION")"
aks_endpoint="$(endpoint_for "$AKS_FUNCTION")"
declare -A gate_subscriptions_done=()
declare -A clusters_done=()

read -ra fleet_entries <<<"${FLEETS//,/ }"
for entry in "${fleet_entries[@]}"; do
  IFS='/' read -r fleet_sub fleet_rg fleet_name extra <<<"$entry"
  if [ -z "$fleet_sub" ] || [ -z "$fleet_rg" ] || [ -z "$fleet_name" ] || [ -n "$extra" ]; then
    fail "FLEETS entry '$entry' is not <subscriptionId>/<resourceGroup>/<fleetName>"
  fi
  log "fleet $fleet_name ($fleet_sub/$fleet_rg)"

  # (1) Fleet gate events come from a subscription-wide topic: one per fleet subscription.
  if [ -z "${gate_subscriptions_done[$fleet_sub]:-}" ]; then
    ensure_topic "$fleet_sub" "$fleet_rg" 'conductor-aks-resources' 'global' "/subscriptions/$fleet_sub" "$GATE_TOPIC_TYPE"
    upsert_subscription "$fleet_sub" "$TOPIC_RG" "$TOPIC_NAME" "$GATE_SUBSCRIPTION_NAME" "$gate_endpoint" \
      "${GATE_EVENT_TYPES[@]}"
    gate_subscriptions_done[$fleet_sub]=1
  fi

  # (2) AKS release events are per cluster: one topic and subscription per member cluster.
  members="$(az fleet member list --subscription "$fleet_sub" -g "$fleet_rg" -f "$fleet_name" \
    --query '[].clusterResourceId' -o tsv --only-show-errors)"
  [ -n "$members" ] || log "fleet $fleet_name has no members yet"
  mapfile -t cluster_ids <<<"$members"
  for cluster_id in "${cluster_ids[@]}"; do
    [ -n "$cluster_id" ] || continue
    cluster_key="$(lower "$cluster_id")"
    [ -z "${clusters_done[$cluster_key]:-}" ] || continue
    IFS='/' read -r _ _ cluster_sub _ cluster_rg _ _ _ cluster_name <<<"$cluster_id"
    cluster_location="$(az resource show --ids "$cluster_id" --query location -o tsv --only-show-errors)"
    ensure_topic "$cluster_sub" "$cluster_rg" "${cluster_name//_/-}-aks-events" "$cluster_location" "$cluster_id" "$AKS_TOPIC_TYPE"
    upsert_subscription "$cluster_sub" "$TOPIC_RG" "$TOPIC_NAME" "$AKS_SUBSCRIPTION_NAME" "$aks_endpoint" \
      "${AKS_EVENT_TYPES[@]}"
    clusters_done[$cluster_key]=1
  done
done

log 'Event Grid subscriptions are in place'

// Operators' view of Conductor in Azure Monitor: one workbook and four log search alert rules over the
// Application Insights resource the app reports to (its OpenTelemetry metrics land in customMetrics, its
// decision spans in dependencies, the Functions host's invocations in requests) and the member clusters'
// Container Insights workspaces. infra/README.md ("Dashboards and alerts") lists what each shows and why.

param location string = resourceGroup().location
param tags object = {}

@description('Name of the Application Insights resource the app sends telemetry to.')
param applicationInsightsName string

@description('Resource ids of the Log Analytics workspaces the member clusters send Container Insights data to.')
param memberWorkspaceIds array = []

@minValue(1)
@maxValue(720)
@description('Alert when a fleet has been held or paused for longer than this many hours.')
param fleetBlockedHours int = 6

@minValue(1)
@maxValue(90)
@description('Alert when a release the policy targets has had no run for this many days after it was first seen.')
param releasePendingDays int = 3

@description('E-mail address that receives the alerts; empty: the rules fire without notifying anyone (see them in Azure Monitor > Alerts).')
param alertEmailAddress string = ''

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// The workbook's member-workspace parameter defaults to the deployment's workspaces.
var workbookJson = replace(loadTextContent('../monitoring/conductor.workbook.json'), '"__CONDUCTOR_MEMBER_WORKSPACES__"', string(memberWorkspaceIds))

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, applicationInsights.id, 'fleet-conductor-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'Fleet Conductor'
    category: 'workbook'
    sourceId: applicationInsights.id
    serializedData: workbookJson
  }
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmailAddress)) {
  name: 'ag-fleet-conductor'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'conductor'
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmailAddress
        useCommonAlertSchema: true
      }
    ]
  }
}

var actions = empty(alertEmailAddress) ? {} : { actionGroups: [actionGroup.id] }

var alertRules = [
  {
    name: 'conductor-gate-failed'
    displayName: 'Fleet Conductor: gate failed, held or expired'
    description: 'A gate failed its checks (the run was stopped), was held inconclusive, or expired waiting for approvers.'
    severity: 1
    frequency: 'PT5M'
    window: 'PT10M'
    query: loadTextContent('../monitoring/alerts/gate-failed.kql')
  }
  {
    name: 'conductor-fleet-blocked'
    displayName: 'Fleet Conductor: fleet blocked longer than ${fleetBlockedHours} h'
    description: 'A fleet has been held (a run stopped or failed for a reason) or paused for longer than ${fleetBlockedHours} hours: nothing starts until an operator resumes, abandons or unpauses.'
    severity: 2
    frequency: 'PT15M'
    window: 'PT1H'
    query: replace(loadTextContent('../monitoring/alerts/fleet-blocked.kql'), '{blockedHours}', string(fleetBlockedHours))
  }
  {
    name: 'conductor-release-not-started'
    displayName: 'Fleet Conductor: release pending longer than ${releasePendingDays} d'
    description: 'A fleet\'s policy targets a release Conductor first saw more than ${releasePendingDays} days ago, and no run has started for it.'
    severity: 3
    frequency: 'PT1H'
    window: 'PT1H'
    query: replace(loadTextContent('../monitoring/alerts/release-not-started.kql'), '{pendingDays}', string(releasePendingDays))
  }
  {
    name: 'conductor-function-failures'
    displayName: 'Fleet Conductor: function failures'
    description: 'Function invocations failed (timers, Event Grid deliveries or HTTP requests), as the Functions host reports them.'
    severity: 2
    frequency: 'PT5M'
    window: 'PT15M'
    query: loadTextContent('../monitoring/alerts/function-failures.kql')
  }
]

resource rules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in alertRules: {
    name: rule.name
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        applicationInsights.id
      ]
      evaluationFrequency: rule.frequency
      windowSize: rule.window
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: actions
    }
  }
]

output workbookId string = workbook.id
output alertRuleNames array = [for (rule, i) in alertRules: rules[i].name]

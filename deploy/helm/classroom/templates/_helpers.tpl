{{/* Names, labels, images and the addresses the services use to find each other. */}}

{{- define "classroom.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* <release>-<chart>, or the release name alone when it already contains the chart name. */}}
{{- define "classroom.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of a component's resources: (list $ "edge") → <fullname>-edge. */}}
{{- define "classroom.componentName" -}}
{{- printf "%s-%s" (include "classroom.fullname" (index . 0)) (index . 1) -}}
{{- end -}}

{{- define "classroom.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every resource of the release: (list $ "component"); the component may be empty. */}}
{{- define "classroom.labels" -}}
{{- $ := index . 0 -}}
{{- $component := index . 1 -}}
helm.sh/chart: {{ include "classroom.chart" $ }}
app.kubernetes.io/name: {{ include "classroom.name" $ }}
app.kubernetes.io/instance: {{ $.Release.Name }}
app.kubernetes.io/version: {{ $.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $.Release.Service }}
app.kubernetes.io/part-of: classroom
{{- if $component }}
app.kubernetes.io/component: {{ $component }}
{{- end }}
{{- with $.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector labels of the release's pods, or of one component's: (list $ "component"). */}}
{{- define "classroom.selectorLabels" -}}
{{- $ := index . 0 -}}
{{- $component := index . 1 -}}
app.kubernetes.io/name: {{ include "classroom.name" $ }}
app.kubernetes.io/instance: {{ $.Release.Name }}
{{- if $component }}
app.kubernetes.io/component: {{ $component }}
{{- end }}
{{- end -}}

{{/* repository:tag of a component's image; the tag defaults to appVersion. (list $ .Values.edge.image) */}}
{{- define "classroom.image" -}}
{{- $ := index . 0 -}}
{{- $image := index . 1 -}}
{{- printf "%s:%s" $image.repository (default $.Chart.AppVersion $image.tag) -}}
{{- end -}}

{{/* Container ports of every service, fixed by the images (see each Dockerfile's EXPOSE). */}}
{{- define "classroom.ports" -}}
gateway: {http: 8000}
edge: {http: 7400}
api: {http: 7500, grpc: 7501}
auth: {http: 7100, grpc: 7101}
registry: {http: 7200, grpc: 7201}
fanout: {http: 7300, grpc: 7301}
{{- end -}}

{{- define "classroom.port" -}}
{{- $ports := include "classroom.ports" . | fromYaml -}}
{{- index (index $ports (index . 1)) (index . 2) -}}
{{- end -}}

{{- define "classroom.clusterDomain" -}}
{{- printf "%s.svc.cluster.local" .Release.Namespace -}}
{{- end -}}

{{/* Address of a ClusterIP service: (list $ "auth" "grpc") → http://<fullname>-auth.<ns>.svc.cluster.local:7101 */}}
{{- define "classroom.serviceAddress" -}}
{{- $ := index . 0 -}}
{{- printf "http://%s.%s:%s" (include "classroom.componentName" (list $ (index . 1))) (include "classroom.clusterDomain" $) (include "classroom.port" .) -}}
{{- end -}}

{{/*
The DNS entry of a StatefulSet's headless Service: the services that dial its pods look it up every
`discovery.refreshInterval` and dial every address (the ready pods):
(list $ "fanout" "grpc") → dns:///<fullname>-fanout-headless.<ns>.svc.cluster.local:7301
*/}}
{{- define "classroom.headlessAddress" -}}
{{- $ := index . 0 -}}
{{- printf "dns:///%s-headless.%s:%s" (include "classroom.componentName" (list $ (index . 1))) (include "classroom.clusterDomain" $) (include "classroom.port" .) -}}
{{- end -}}

{{/* Whole seconds (rounded up) of a .NET TimeSpan string [d.]hh:mm:ss[.fffffff]. */}}
{{- define "classroom.timespanSeconds" -}}
{{- $parts := regexReplaceAll "^(?:(\\d+)\\.)?(\\d+):(\\d+):(\\d+)(?:\\.(\\d+))?$" . "${1}|${2}|${3}|${4}|${5}" | splitList "|" -}}
{{- $seconds := add (mul (atoi (index $parts 0)) 86400) (mul (atoi (index $parts 1)) 3600) (mul (atoi (index $parts 2)) 60) (atoi (index $parts 3)) -}}
{{- if and (index $parts 4) (gt (atoi (index $parts 4)) 0) -}}{{- $seconds = add1 $seconds -}}{{- end -}}
{{- $seconds -}}
{{- end -}}

{{/* Name of the Secret holding auth's key settings. */}}
{{- define "classroom.authSecretName" -}}
{{- default (printf "%s-auth-jwt" (include "classroom.fullname" .)) .Values.auth.jwt.existingSecret -}}
{{- end -}}

{{- define "classroom.authSecretCreated" -}}
{{- if and (not .Values.auth.jwt.existingSecret) (or .Values.auth.jwt.hs256Secret .Values.auth.jwt.publicKeys .Values.auth.jwt.jwksUrl) -}}true{{- end -}}
{{- end -}}

{{- /* The internal-plane identities: the components that call or serve the internal gRPC plane. */ -}}
{{- define "classroom.internalIdentities" -}}
{{- list "edge" "api" "auth" "registry" "fanout" | toYaml -}}
{{- end -}}

{{- /* The Secret holding an identity's private key: (list $ "edge"). */ -}}
{{- define "classroom.internalIdentitySecretName" -}}
{{- $ := index . 0 -}}
{{- $identity := index . 1 -}}
{{- default (printf "%s-internal-%s" (include "classroom.fullname" $) $identity) (index $.Values.internal.existingSecrets $identity) -}}
{{- end -}}

{{- /* The ConfigMap with every identity's public key (certificate), read by the servers as Internal__Callers__<identity>. */ -}}
{{- define "classroom.internalCallersName" -}}
{{- default (printf "%s-internal-callers" (include "classroom.fullname" .)) .Values.internal.existingPublicKeys -}}
{{- end -}}

{{- define "classroom.apiSecretName" -}}
{{- default (printf "%s-api-keys" (include "classroom.fullname" .)) .Values.api.existingSecret -}}
{{- end -}}

{{- define "classroom.apiSecretCreated" -}}
{{- if and (not .Values.api.existingSecret) .Values.api.keys -}}true{{- end -}}
{{- end -}}

{{- define "classroom.redisSecretName" -}}
{{- default (printf "%s-redis" (include "classroom.fullname" .)) .Values.redis.auth.existingSecret -}}
{{- end -}}

{{- define "classroom.redisSecretKey" -}}
{{- if .Values.redis.auth.existingSecret -}}{{ .Values.redis.auth.existingSecretKey }}{{- else -}}redis-password{{- end -}}
{{- end -}}

{{- define "classroom.redisSecretCreated" -}}
{{- if and (not .Values.redis.auth.existingSecret) .Values.redis.auth.password -}}true{{- end -}}
{{- end -}}

{{- define "classroom.redisHasPassword" -}}
{{- if or .Values.redis.auth.existingSecret .Values.redis.auth.password -}}true{{- end -}}
{{- end -}}

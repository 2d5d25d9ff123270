{{/* What every pod of the chart shares: security, probes, common environment, /tmp, scheduling. */}}

{{/*
Environment every service gets. (list $ "Classroom.Micro.Edge")
POD_NAME and POD_NAMESPACE come first so OTEL_RESOURCE_ATTRIBUTES can refer to them.
*/}}
{{- define "classroom.commonEnv" -}}
{{- $ := index . 0 -}}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: ASPNETCORE_ENVIRONMENT
  value: Production
- name: DOTNET_gcServer
  value: {{ ternary "1" "0" $.Values.dotnet.gcServer | quote }}
- name: Logging__LogLevel__Default
  value: {{ $.Values.logLevel | quote }}
- name: OTEL_SERVICE_NAME
  value: {{ index . 1 | quote }}
- name: OTEL_RESOURCE_ATTRIBUTES
  value: "k8s.pod.name=$(POD_NAME),k8s.namespace.name=$(POD_NAMESPACE)"
{{- with $.Values.otel.endpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
- name: OTEL_EXPORTER_OTLP_PROTOCOL
  value: {{ $.Values.otel.protocol | quote }}
{{- end }}
{{- with $.Values.otel.sampler }}
- name: OTEL_TRACES_SAMPLER
  value: {{ . | quote }}
{{- end }}
{{- with $.Values.otel.samplerArg }}
- name: OTEL_TRACES_SAMPLER_ARG
  value: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* Kestrel endpoints on every interface: (list $ "auth"). gRPC services get an HTTP/2-only endpoint too. */}}
{{- define "classroom.kestrelEnv" -}}
{{- $ports := include "classroom.ports" . | fromYaml -}}
{{- $component := index $ports (index . 1) -}}
{{- if hasKey $component "grpc" }}
- name: Kestrel__Endpoints__Grpc__Url
  value: {{ printf "http://+:%v" $component.grpc | quote }}
- name: Kestrel__Endpoints__Grpc__Protocols
  value: Http2
{{- end }}
- name: Kestrel__Endpoints__Http__Url
  value: {{ printf "http://+:%v" $component.http | quote }}
- name: Kestrel__Endpoints__Http__Protocols
  value: Http1
{{- end -}}

{{/*
Redis__Configuration as a StackExchange.Redis configuration string. The password is never rendered: REDIS_PASSWORD
comes from a Secret and Kubernetes substitutes $(REDIS_PASSWORD), which is defined before it in the same list.
*/}}
{{- define "classroom.redisConfiguration" -}}
{{- $redis := .Values.redis -}}
{{- $items := list -}}
{{- $tls := false -}}
{{- if eq $redis.mode "sentinel" -}}
{{- if not $redis.sentinel.hosts -}}
{{- fail "redis.sentinel.hosts: list at least one sentinel (host:port) when redis.mode is sentinel" -}}
{{- end -}}
{{- $items = concat $items $redis.sentinel.hosts (list (printf "serviceName=%s" $redis.sentinel.serviceName)) -}}
{{- $tls = $redis.sentinel.tls -}}
{{- else -}}
{{- if not $redis.external.host -}}
{{- fail "redis.external.host: set the Redis endpoint when redis.mode is external" -}}
{{- end -}}
{{- $items = append $items (printf "%s:%v" $redis.external.host $redis.external.port) -}}
{{- $tls = $redis.external.tls -}}
{{- end -}}
{{- if $tls -}}{{- $items = append $items "ssl=true" -}}{{- end -}}
{{- if include "classroom.redisHasPassword" . -}}{{- $items = append $items "password=$(REDIS_PASSWORD)" -}}{{- end -}}
{{- $items = concat $items $redis.options -}}
{{- join "," $items -}}
{{- end -}}

{{- define "classroom.redisEnv" -}}
{{- if include "classroom.redisHasPassword" . }}
- name: REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "classroom.redisSecretName" . }}
      key: {{ include "classroom.redisSecretKey" . }}
{{- end }}
- name: Redis__Configuration
  value: {{ include "classroom.redisConfiguration" . | quote }}
- name: Redis__KeyPrefix
  value: {{ .Values.redis.keyPrefix | quote }}
{{- end -}}

{{- define "classroom.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
fsGroup: {{ .Values.securityContext.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "classroom.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "classroom.probes" -}}
{{- $probes := .Values.probes -}}
startupProbe:
  httpGet:
    path: /health/live
    port: http
  periodSeconds: {{ $probes.startup.periodSeconds }}
  timeoutSeconds: {{ $probes.startup.timeoutSeconds }}
  failureThreshold: {{ $probes.startup.failureThreshold }}
livenessProbe:
  httpGet:
    path: /health/live
    port: http
  periodSeconds: {{ $probes.liveness.periodSeconds }}
  timeoutSeconds: {{ $probes.liveness.timeoutSeconds }}
  failureThreshold: {{ $probes.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: /health/ready
    port: http
  periodSeconds: {{ $probes.readiness.periodSeconds }}
  timeoutSeconds: {{ $probes.readiness.timeoutSeconds }}
  failureThreshold: {{ $probes.readiness.failureThreshold }}
{{- end -}}

{{/*
The pod template of a component. (dict "root" $ "component" "edge" "serviceName" "Classroom.Micro.Edge"
"env" <yaml list> "envFrom" <yaml list> "extra" <yaml: more container fields> "terminationGracePeriodSeconds" n)
*/}}
{{- define "classroom.podTemplate" -}}
{{- $ := .root -}}
{{- $values := index $.Values .component -}}
{{- $ports := index (include "classroom.ports" $ | fromYaml) .component -}}
metadata:
  labels:
    {{- include "classroom.labels" (list $ .component) | nindent 4 }}
  annotations:
    checksum/secrets: {{ include (print $.Template.BasePath "/secrets.yaml") $ | sha256sum }}
    {{- with $values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  automountServiceAccountToken: false
  enableServiceLinks: false
  {{- with .terminationGracePeriodSeconds }}
  terminationGracePeriodSeconds: {{ . }}
  {{- end }}
  {{- with $.Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- include "classroom.podSecurityContext" $ | nindent 4 }}
  containers:
    - name: {{ .component }}
      image: {{ include "classroom.image" (list $ $values.image) | quote }}
      imagePullPolicy: {{ $values.image.pullPolicy }}
      {{- with .args }}
      args:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      ports:
        {{- if hasKey $ports "grpc" }}
        - name: grpc
          containerPort: {{ $ports.grpc }}
          protocol: TCP
        {{- end }}
        - name: http
          containerPort: {{ $ports.http }}
          protocol: TCP
      {{- /* The servers of the internal plane read every caller's public key (Internal__Callers__<identity>). */}}
      {{- $acceptsCallers := has .component (list "auth" "registry" "fanout") }}
      {{- if or .envFrom $acceptsCallers }}
      envFrom:
        {{- with .envFrom }}
        {{- . | nindent 8 }}
        {{- end }}
        {{- if $acceptsCallers }}
        - prefix: Internal__Callers__
          configMapRef:
            name: {{ include "classroom.internalCallersName" $ }}
        {{- end }}
      {{- end }}
      env:
        {{- include "classroom.commonEnv" (list $ .serviceName) | trim | nindent 8 }}
        {{- include "classroom.kestrelEnv" (list $ .component) | trim | nindent 8 }}
        {{- if ne .component "gateway" }}
        {{- /* The internal plane: each service signs its calls with its own private key, mounted into it alone. */}}
        - name: Internal__Identity
          value: {{ .component | quote }}
        - name: Internal__PrivateKey
          valueFrom:
            secretKeyRef:
              name: {{ include "classroom.internalIdentitySecretName" (list $ .component) }}
              key: private-key.pem
        {{- end }}
        {{- .env | trim | nindent 8 }}
        {{- with $values.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- include "classroom.probes" $ | nindent 6 }}
      {{- with .extra }}
      {{- . | nindent 6 }}
      {{- end }}
      resources:
        {{- toYaml $values.resources | nindent 8 }}
      securityContext:
        {{- include "classroom.containerSecurityContext" $ | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: {{ $.Values.tmpSizeLimit }}
  {{- with $values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}

{{/* A PodDisruptionBudget for a component, when enabled: (list $ "edge"). */}}
{{- define "classroom.pdb" -}}
{{- $ := index . 0 -}}
{{- $component := index . 1 -}}
{{- $pdb := (index $.Values $component).pdb -}}
{{- if $pdb.enabled }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "classroom.componentName" (list $ $component) }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "classroom.labels" (list $ $component) | nindent 4 }}
spec:
  {{- if not (kindIs "string" $pdb.minAvailable) }}
  minAvailable: {{ $pdb.minAvailable }}
  {{- else if $pdb.minAvailable }}
  minAvailable: {{ $pdb.minAvailable | quote }}
  {{- else }}
  maxUnavailable: {{ $pdb.maxUnavailable }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "classroom.selectorLabels" (list $ $component) | nindent 6 }}
{{- end }}
{{- end -}}

namespace Durango.Testing.Scenarios;

/// <summary>
/// Upstream's <c>examples/daemon-step.yaml</c> shape: a daemon serving HTTP on <c>port</c> and a later step that
/// fetches it at <c>{{steps.server.ip}}</c>, printing the status (<c>200</c>). Each container runtime runs it.
/// </summary>
public static class DaemonScenario
{
    /// <summary>
    /// The workflow, with the daemon's <paramref name="probe"/> (a <c>readinessProbe</c> line, e.g. <c>tcpSocket: {port: N}</c>),
    /// its server listening on <paramref name="address"/> (the address the runtime's stand-in gives its containers).
    /// </summary>
    public static string Workflow(int port, string probe, string address = "127.0.0.1") => $$$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: daemon-step-}
        spec:
          entrypoint: main
          templates:
            - name: main
              steps:
                - - {name: server, template: server}
                - - name: client
                    template: client
                    arguments: {parameters: [{name: ip, value: "{{steps.server.ip}}"}]}
            - name: server
              daemon: true
              container:
                image: python:3
                command: [python3, -m, http.server, "{{{port}}}", --bind, "{{{address}}}"]
                readinessProbe:
                  {{{probe}}}
                  periodSeconds: 1
            - name: client
              inputs: {parameters: [{name: ip}]}
              script:
                image: python:3
                command: [python3]
                source: |
                  import urllib.request
                  with urllib.request.urlopen("http://{{inputs.parameters.ip}}:{{{port}}}/") as r:
                      print(r.status)
        """;
}

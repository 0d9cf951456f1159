using Durango.Engine.Model;
using Durango.Testing;
using Microsoft.AspNetCore.Http;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of test/e2e/agent_test.go (AgentSuite): HTTP templates, which upstream runs in its agent pod and Durango runs
/// itself. A loopback Kestrel server stands in for the external hosts and httpbin's <c>/status/{code}</c>.
/// </summary>
[Collection(UpstreamSuiteCollection.Name)]
public sealed class E2eAgentTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // Ports AgentSuite.TestParallel: four http steps of one group run at the same time. Upstream compares their start
    // and finish times; here the server holds every request until all four have arrived (never answering a lone one),
    // so the workflow can only succeed if the four were in flight together.
    [Fact]
    public async Task Parallel_FourHttpStepsInFlightTogether()
    {
        var arrived = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async (_, http) =>
        {
            if (Interlocked.Increment(ref arrived) == 4)
            {
                all.TrySetResult();
            }

            try
            {
                await all.Task.WaitAsync(EngineHarness.Patience);
            }
            catch (TimeoutException)
            {
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            }
        });
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: http-template-par-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: one, template: http, arguments: {parameters: [{name: url, value: "{{{server.BaseUrl}}}/one"}]}}
                      - {name: two, template: http, arguments: {parameters: [{name: url, value: "{{{server.BaseUrl}}}/two"}]}}
                      - {name: three, template: http, arguments: {parameters: [{name: url, value: "{{{server.BaseUrl}}}/three"}]}}
                      - {name: four, template: http, arguments: {parameters: [{name: url, value: "{{{server.BaseUrl}}}/four"}]}}
                - name: http
                  inputs: {parameters: [{name: url}]}
                  http:
                    url: "{{inputs.parameters.url}}"
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var http = view.Status.Nodes.Values.Where(n => n.Type == NodeType.Http).ToList();
        Assert.Equal(4, http.Count);
        Assert.All(http, n => Assert.Equal(NodePhase.Succeeded, n.Phase));
        Assert.Equal(4, server.Requests.Count);
    }

    // Ports AgentSuite.TestStatusCondition: successCondition on the status code and on the body; each step's phase
    // follows its condition and the workflow fails.
    [Fact]
    public async Task StatusCondition_EachStepFollowsItsCondition()
    {
        await using var server = await LoopbackServer.StartAsync((request, http) =>
        {
            if (request.Path.StartsWith("/status/", StringComparison.Ordinal))
            {
                http.Response.StatusCode = int.Parse(request.Path["/status/".Length..], System.Globalization.CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            }

            return http.Response.WriteAsync("<html><title>google</title></html>"); // stands in for https://google.com
        });
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: http-template-condition-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - name: http-status-is-201-fails
                        template: http-status-is-201
                        arguments: {parameters: [{name: url, value: "{{{server.BaseUrl}}}/status/200"}]}
                      - name: http-status-is-201-succeeds
                        template: http-status-is-201
                        arguments: {parameters: [{name: url, value: "{{{server.BaseUrl}}}/status/201"}]}
                      - name: http-body-contains-google-fails
                        template: http-body-contains-google
                        arguments: {parameters: [{name: url, value: "{{{server.BaseUrl}}}/status/200"}]}
                      - name: http-body-contains-google-succeeds
                        template: http-body-contains-google
                        arguments: {parameters: [{name: url, value: "{{{server.BaseUrl}}}/google"}]}
                - name: http-status-is-201
                  inputs: {parameters: [{name: url}]}
                  http:
                    successCondition: "response.statusCode == 201"
                    url: "{{inputs.parameters.url}}"
                - name: http-body-contains-google
                  inputs: {parameters: [{name: url}]}
                  http:
                    successCondition: "response.body contains \"google\""
                    url: "{{inputs.parameters.url}}"
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(NodePhase.Failed, view.Node("http-body-contains-google-fails").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("http-body-contains-google-succeeds").Phase);
        Assert.Equal(NodePhase.Failed, view.Node("http-status-is-201-fails").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("http-status-is-201-succeeds").Phase);
    }
}

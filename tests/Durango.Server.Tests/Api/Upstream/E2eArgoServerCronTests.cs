using System.Net;
using System.Text;

namespace Durango.Server.Tests.Api.Upstream;

/// <summary>Upstream's <c>test/e2e/argo_server_test.go</c>, the CronWorkflowService part, against <c>durango serve</c>.</summary>
public sealed class E2eArgoServerCronTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private const string Crons = "/api/v1/cron-workflows/argo";

    // TestCronWorkflowService: Create, Suspend (answers spec.suspend true), Resume (answers a spec without suspend),
    // List (with a second cron, test-cron-wf-basic, that the label selector leaves out), Get, Update, Delete.
    [Fact]
    public async Task CronWorkflowService_CreateSuspendResumeListGetUpdateDelete()
    {
        // Create
        using (var created = await serve.Http.PostJsonAsync(Crons, """
            {"cronWorkflow": {"metadata": {"name": "test", "labels": {"workflows.argoproj.io/test": "subject-2"}},
              "spec": {"schedules": ["* * * * *"], "workflowSpec": {"entrypoint": "whalesay",
                "templates": [{"name": "whalesay", "container": {"image": "argoproj/argosay:v2", "imagePullPolicy": "IfNotPresent"}}]}}}}
            """))
        {
            Assert.True(created.StatusCode == HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
        }

        // Suspend
        using (var suspended = await serve.Http.PutJsonAsync($"{Crons}/test/suspend", "{}"))
        {
            Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
            Assert.True((await suspended.JsonAsync())["spec"]!["suspend"]!.GetValue<bool>());
        }

        // Resume
        using (var resumed = await serve.Http.PutJsonAsync($"{Crons}/test/resume", "{}"))
        {
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
            var spec = (await resumed.JsonAsync())["spec"]!.AsObject();
            Assert.False(spec.ContainsKey("suspend"), spec.ToJsonString());
        }

        // List
        using (var basic = await serve.Http.PostAsync(Crons, new StringContent(BasicCron, Encoding.UTF8, "application/yaml")))
        {
            Assert.True(basic.StatusCode == HttpStatusCode.OK, await basic.Content.ReadAsStringAsync());
        }

        Assert.Single((await serve.Http.GetJsonAsync($"{Crons}?listOptions.labelSelector=workflows.argoproj.io/test%3Dsubject-2"))["items"]!.AsArray());

        // Get
        using (var missing = await serve.Http.GetAsync($"{Crons}/not-found"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        var resourceVersion = (await serve.Http.GetJsonAsync($"{Crons}/test"))["metadata"]!["resourceVersion"]!.GetValue<string>();
        Assert.NotEmpty(resourceVersion);

        // Update
        using (var updated = await serve.Http.PutJsonAsync($"{Crons}/test", $$$$$"""
            {"cronWorkflow": {"metadata": {"name": "test", "resourceVersion": "{{{{{resourceVersion}}}}}", "labels": {"workflows.argoproj.io/test": "true"}},
              "spec": {"schedules": ["1 * * * *"], "workflowMetadata": {"labels": {"workflows.argoproj.io/test": "true"}},
                "workflowSpec": {"entrypoint": "whalesay",
                  "templates": [{"name": "whalesay", "container": {"image": "argoproj/argosay:v2", "imagePullPolicy": "IfNotPresent"}}]}}}}
            """))
        {
            Assert.True(updated.StatusCode == HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());
            Assert.Equal("1 * * * *", (await updated.JsonAsync())["spec"]!["schedules"]![0]!.GetValue<string>());
        }

        // Delete
        using var deleted = await serve.Http.DeleteAsync($"{Crons}/test");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await serve.Http.DeleteAllAsync(Crons, "/api/v1/workflows/argo");
    }

    // The cron upstream's List subtest creates.
    private const string BasicCron = """
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata:
          name: test-cron-wf-basic
        spec:
          schedules:
            - "* * * * *"
          concurrencyPolicy: "Allow"
          startingDeadlineSeconds: 0
          successfulJobsHistoryLimit: 4
          failedJobsHistoryLimit: 2
          workflowMetadata:
            labels:
              workflows.argoproj.io/test: "true"
          workflowSpec:
            podGC:
              strategy: OnPodCompletion
            entrypoint: whalesay
            templates:
              - name: whalesay
                container:
                  image: argoproj/argosay:v2
                  imagePullPolicy: IfNotPresent
                  command: ["sh", -c]
                  args: ["echo hello"]
        """;
}
